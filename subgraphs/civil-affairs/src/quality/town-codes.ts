import type { Kysely } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';

/**
 * The township codes the registry knows, in code order after `after` (exclusive): the
 * data-quality check walks every township with it. A range of the region table's primary
 * key; the other levels' rows in the range are skipped by the level filter (a township has
 * a few dozen villages, so a page of towns reads a bounded slice of a small, static table).
 */
export async function townCodes(db: Kysely<CivilAffairsDB>, after: string, first: number): Promise<string[]> {
  const rows = await db.selectFrom('region').select('code').where('level', '=', 'TOWN').where('code', '>', after).orderBy('code').limit(first).execute();
  return rows.map((row) => row.code);
}
