/** The day in China (UTC+8, no daylight saving) at `now`, as YYYY-MM-DD: records are dated by the local calendar. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
