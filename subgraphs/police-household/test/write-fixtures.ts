import type { Kysely } from 'kysely';
import type { PoliceDB } from '../src/db-types.ts';
import { insertJurisdictionFixtures } from './jurisdiction-fixtures.ts';

/** Pending handovers for the write tests, one per test that registers one: each can be registered once only. */
export const PENDING = {
  /** Village 431003101202 (household 李强's village), town 101. */
  intoExisting: 'LB000000021',
  sameDayFirst: 'LB000000022',
  sameDaySecond: 'LB000000023',
  idempotent: 'LB000000024',
  byStation: 'LB000000025',
  stale: 'LB000000026',
  badInput: 'LB000000027',
  /** Village 431003102203, town 102 (station PS-431003102's area). */
  town102: 'LB000000028',
} as const;

/** The day every write-test handover was reported: birth dates after it are refused. */
export const REPORTED_ON = '2024-10-01';

/** The jurisdiction fixtures (Suxian towns 101 and 102, Fushun), and the pending handovers above. */
export async function insertWriteFixtures(db: Kysely<PoliceDB>): Promise<void> {
  await insertJurisdictionFixtures(db);
  const handover = (child_id: string, village_code: string) => ({
    child_id,
    village_code,
    reported_by: `TO-${village_code.slice(0, 9)}`,
    reported_on: REPORTED_ON,
    status: 'PENDING' as const,
    registered_id_number: null,
    registered_on: null,
  });
  await db
    .insertInto('unregistered_child')
    .values([
      ...Object.values(PENDING)
        .filter((id) => id !== PENDING.town102)
        .map((id) => handover(id, '431003101202')),
      handover(PENDING.town102, '431003102203'),
    ])
    .execute();
}
