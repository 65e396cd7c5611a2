import { todayInChina } from '../china-day.ts';

/**
 * Days after a quarter's last day by which a township's submission is on time. The seeds say
 * only "at the end of every quarter" (每季度末); ten days is the default the operator may
 * change (LBC_QUARTER_SUBMISSION_DAYS).
 */
export const QUARTER_SUBMISSION_DAYS = 10;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Whether `quarter` is a quarter such as `2024-Q3`. */
export function isQuarter(quarter: string): boolean {
  return QUARTER.test(quarter);
}

/** The first and last day of `quarter` (YYYY-MM-DD). */
export function quarterBounds(quarter: string): { start: string; end: string } {
  const [, year, q] = QUARTER.exec(quarter) ?? [];
  if (!year || !q) throw new RangeError(`not a quarter: ${quarter}`);
  const n = Number(q);
  return { start: `${year}-${['01-01', '04-01', '07-01', '10-01'][n - 1]}`, end: `${year}-${['03-31', '06-30', '09-30', '12-31'][n - 1]}` };
}

/** The quarter a day (YYYY-MM-DD) falls in. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter before `quarter`: the one a township reports on in the first days of the next. */
export function previousQuarter(quarter: string): string {
  const [, year, q] = QUARTER.exec(quarter) ?? [];
  if (!year || !q) throw new RangeError(`not a quarter: ${quarter}`);
  return Number(q) === 1 ? `${Number(year) - 1}-Q4` : `${year}-Q${Number(q) - 1}`;
}

/** The last day (YYYY-MM-DD, China time) a submission for `quarter` is on time. */
export function submissionDeadline(quarter: string, days: number = QUARTER_SUBMISSION_DAYS): string {
  const end = new Date(`${quarterBounds(quarter).end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days);
  return end.toISOString().slice(0, 10);
}

/** Whether a submission made at `submittedAt` is late: after the deadline day, in China time (UTC+8). */
export function submittedLate(quarter: string, submittedAt: Date, days: number = QUARTER_SUBMISSION_DAYS): boolean {
  return todayInChina(submittedAt) > submissionDeadline(quarter, days);
}
