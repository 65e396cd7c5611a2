import { sql, type Kysely } from 'kysely';

/**
 * Where each hand-off of a child sits among the ids reserved for that child: the hand-off
 * of a given role gets the same id whichever batch the child is written in.
 */
export const HANDOFF_SLOT = {
  MANDATORY_REPORT: 0,
  EMERGENCY_NOTICE: 1,
  ASSESSMENT: 2,
  SERVICE: 3,
  DROPOUT_TO_COUNTY: 4,
  DROPOUT_TO_TOWNSHIP: 5,
  UNREGISTERED_HANDOVER: 6,
  HOTLINE_TRANSFER: 7,
} as const;

/** Ids reserved per child: the slots above, with room for two more. */
const SLOTS_PER_CHILD = 10;
/** `HO` and `HT` ids have nine digits. */
const MAX_NUMBER = 999_999_999;

/** The number of a child's hand-off in one slot: the child's index and the slot, so ids are unique across batches. */
export function handoffNumber(childIndex: number, slot: number): number {
  return checked(childIndex * SLOTS_PER_CHILD + slot + 1);
}

/** A hand-off id as the table's default makes them (`HO` and nine digits). */
export function handoffId(number: number): string {
  return `HO${String(number).padStart(9, '0')}`;
}

/** The number of a child's hotline ticket (a child has at most one in the world). */
export function ticketNumber(childIndex: number): number {
  return checked(childIndex + 1);
}

/** A hotline ticket id as the table's default makes them (`HT` and nine digits). */
export function ticketId(number: number): string {
  return `HT${String(number).padStart(9, '0')}`;
}

/**
 * Moves a sequence past the explicit ids just written, so that the hub's own inserts
 * (which take the default) continue after them. Never moves it back: batches may come in
 * any order of indexes, and the sequence keeps the highest.
 */
export async function continueSequenceAfter(db: Kysely<any>, sequence: 'handoff_number' | 'hotline_ticket_number', numbers: readonly number[]): Promise<void> {
  if (!numbers.length) return;
  const highest = numbers.reduce((a, b) => Math.max(a, b));
  await sql`select setval(${sequence}, greatest((select last_value from ${sql.table(sequence)}), ${highest}))`.execute(db);
}

function checked(number: number): number {
  if (number > MAX_NUMBER) throw new Error(`seed id number ${number} does not fit in nine digits: seed fewer children`);
  return number;
}
