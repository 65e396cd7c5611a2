/** Milliseconds, for the spacing of the seeded world's steps. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A day of the world (YYYY-MM-DD) at an hour of the day in China, where the agencies work. */
export function chinaTime(date: string, hour: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/** `at` moved by `ms`. */
export function plus(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}
