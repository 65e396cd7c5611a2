import { pageLoaderFamily, toConnection, type Connection, type PageArgs, type Scope } from '@lbc/subgraph-kit';
import type DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import type { HealthDB, PatientRow } from './db-types.ts';
import { patientInScope } from './jurisdiction.ts';

/**
 * One page of `Clinic.patients` for many clinics, in ONE statement, holding only the
 * patients the caller may see. A clinic is an institution and open to all, but its
 * patient list is child data: the rule is applied per patient row, so a town officer
 * sees the clinic's patients who live in the town, and the clinic's own staff all of them.
 * The kit's pagedListLoaderFamily has no row filter, hence this loader; it ranks rows the
 * same way (row_number() per clinic, cut at first + 1) and is keyset-paged by hub id.
 */
export function clinicPatientsLoaderFamily(db: Kysely<HealthDB>, scope: Scope): (args: PageArgs) => DataLoader<string, Connection<PatientRow>> {
  return pageLoaderFamily<PatientRow>(1, async (clinicIds, window) => {
    // The cursor is opaque but not signed: a hand-made one may carry a number; compare as text.
    const after = window.after ? sql`and p.child_id > ${String(window.after[0])}` : sql``;
    const { rows } = await sql<PatientRow & { _rank: number }>`
      select * from (
        select p.*, row_number() over (partition by p.clinic_id order by p.child_id) as _rank
        from patient p
        where p.clinic_id in (${sql.join(clinicIds as string[])}) and ${patientInScope(scope)} ${after}
      ) ranked
      where _rank <= ${window.first + 1}
      order by _rank`.execute(db);
    const byClinic = new Map<string, PatientRow[]>(clinicIds.map((id) => [id, []]));
    for (const { _rank, ...patient } of rows) byClinic.get(patient.clinic_id)?.push(patient);
    return clinicIds.map((id) => toConnection(byClinic.get(id)!, window.first, (patient) => [patient.child_id]));
  });
}
