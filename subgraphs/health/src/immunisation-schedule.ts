/**
 * The doses of the national immunisation programme that a child health record tracks,
 * and the age (in completed months) at which each falls due. Source: 国家免疫规划疫苗
 * 儿童免疫程序 (2021 edition). A dose counts as missing from the day the child reaches
 * its age: that is when the clinic should start following up.
 *
 * Simplifications, on purpose:
 * - polio is one series "IPV" of four doses (IPV at 2 and 3 months, bOPV at 4 months and
 *   4 years), as township records count it;
 * - boosters outside this record (DT at 6 years, MPSV-AC at 3 and 6 years) and optional,
 *   self-paid vaccines are not counted, so a child is never "incomplete" for a dose the
 *   record cannot hold.
 * Vaccine codes are the ones stored in `immunisation.vaccine`.
 *
 * The database holds a copy (table `immunisation_schedule`, migration 0005) for the
 * triggers that keep each patient's `immunisation_incomplete_from`: a change here needs a
 * migration that rewrites that table and recomputes the column (a test compares the two).
 */
export interface ScheduledDose {
  vaccine: string;
  dose: number;
  dueAtMonths: number;
}

export const IMMUNISATION_SCHEDULE: readonly ScheduledDose[] = [
  { vaccine: 'HepB', dose: 1, dueAtMonths: 0 },
  { vaccine: 'HepB', dose: 2, dueAtMonths: 1 },
  { vaccine: 'HepB', dose: 3, dueAtMonths: 6 },
  { vaccine: 'BCG', dose: 1, dueAtMonths: 0 },
  { vaccine: 'IPV', dose: 1, dueAtMonths: 2 },
  { vaccine: 'IPV', dose: 2, dueAtMonths: 3 },
  { vaccine: 'IPV', dose: 3, dueAtMonths: 4 },
  { vaccine: 'IPV', dose: 4, dueAtMonths: 48 },
  { vaccine: 'DTaP', dose: 1, dueAtMonths: 3 },
  { vaccine: 'DTaP', dose: 2, dueAtMonths: 4 },
  { vaccine: 'DTaP', dose: 3, dueAtMonths: 5 },
  { vaccine: 'DTaP', dose: 4, dueAtMonths: 18 },
  { vaccine: 'MenA', dose: 1, dueAtMonths: 6 },
  { vaccine: 'MenA', dose: 2, dueAtMonths: 9 },
  { vaccine: 'MMR', dose: 1, dueAtMonths: 8 },
  { vaccine: 'MMR', dose: 2, dueAtMonths: 18 },
  { vaccine: 'JE', dose: 1, dueAtMonths: 8 },
  { vaccine: 'JE', dose: 2, dueAtMonths: 24 },
  { vaccine: 'HepA', dose: 1, dueAtMonths: 18 },
];
