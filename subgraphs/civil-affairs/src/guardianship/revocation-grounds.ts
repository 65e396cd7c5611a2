import type { RevocationGround } from '../db-types.ts';

/** Refusing care this many calendar months is a ground to revoke the guardianship. */
export const REFUSED_CARE_MONTHS = 6;
/** This many ignored warnings are a ground to revoke the guardianship. */
export const IGNORED_WARNINGS = 3;

/** What the grounds are computed from: one child's warnings, summed up (intervention-summary.ts). */
export interface InterventionSummary {
  warningsIgnored: number;
  careRefusedSince: string | null;
}

/**
 * The grounds the records show on `on` (YYYY-MM-DD, China date). OTHER is never computed:
 * it is whatever the petition argues beyond the records.
 */
export function revocationGrounds(summary: InterventionSummary, on: string): RevocationGround[] {
  const grounds: RevocationGround[] = [];
  if (summary.careRefusedSince !== null && summary.careRefusedSince <= monthsBefore(on, REFUSED_CARE_MONTHS)) grounds.push('REFUSED_CARE_SIX_MONTHS');
  if (summary.warningsIgnored >= IGNORED_WARNINGS) grounds.push('WARNINGS_IGNORED_THREE_TIMES');
  return grounds;
}

/**
 * The same day of the month `months` calendar months before `date` (both YYYY-MM-DD), or
 * that month's last day when it is shorter: six months before 2026-08-31 is 2026-02-28.
 */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const toYear = Math.floor(index / 12);
  const toMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${toYear}-${pad(toMonth)}-${pad(Math.min(day, lastDay))}`;
}
