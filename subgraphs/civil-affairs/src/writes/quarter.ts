/** The first and last day of a quarter `2026-Q3` (already checked by inputRules.quarter), as YYYY-MM-DD. */
export function quarterDates(quarter: string): { start: string; end: string } {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  return { start: `${year}-${['01-01', '04-01', '07-01', '10-01'][q - 1]}`, end: `${year}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}` };
}
