import { inScope, recordForWrite, type VersionedUpdate, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { CivilAffairsDB, ProtectionCaseRow } from '../db-types.ts';

/** SQL over a `protection_case` row: its child lives in the caller's jurisdiction (a case follows the child's residence). */
export function caseInJurisdiction(context: CivilAffairsContext): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from child c where c.id = protection_case.child_id and ${inScope(context.loaders.scope, sql.ref('c.village_code'))})`;
}

/**
 * The case a write is about, locked until the write commits, and only if its child lives
 * in the caller's jurisdiction: NOT_FOUND for an unknown id, FORBIDDEN outside, both
 * inside the transaction so nothing is written.
 */
export async function protectionCaseForWrite(write: WriteTransaction<CivilAffairsDB>, context: CivilAffairsContext, caseId: string): Promise<ProtectionCaseRow> {
  const row = await write.trx
    .selectFrom('protection_case')
    .selectAll()
    .select(caseInJurisdiction(context).as('in_scope'))
    // Compared as bigint in SQL: 18 digits do not survive a JS number.
    .where('id', '=', sql<number>`cast(${caseId} as bigint)`)
    .forUpdate()
    .executeTakeFirst();
  return recordForWrite(row, `protection case ${caseId}`);
}

/** The versioned update of a case (updateVersioned): at the version read, within the jurisdiction. */
export function caseUpdate(context: CivilAffairsContext, caseId: string, expectedVersion: number, set: Record<string, unknown>): VersionedUpdate {
  return {
    table: 'protection_case',
    key: { column: 'id', value: caseId },
    expectedVersion,
    set,
    inJurisdiction: caseInJurisdiction(context),
    what: `protection case ${caseId}`,
  };
}
