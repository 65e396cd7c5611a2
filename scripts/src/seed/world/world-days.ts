import { UNREGISTERED_PENDING_DAYS } from '@lbc/schema';

/** Every date in the synthetic world is at or before this day. */
export const AS_OF = '2024-09-30';

/** The day the seeded world is read on (SEED_NOW's day in China): the day after AS_OF. */
export const SEED_DAY = '2024-10-01';

/** `isoDate` (YYYY-MM-DD) moved by `days`. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The earliest day a child still pending registration at the police may have been reported
 * on without being overdue at SEED_DAY (UNREGISTERED_PENDING_TOO_LONG): older reports are
 * the quality defects the world makes on purpose.
 */
export const PENDING_SINCE_FLOOR = addDays(SEED_DAY, -UNREGISTERED_PENDING_DAYS);
