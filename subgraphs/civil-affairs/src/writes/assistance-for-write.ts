import { inScope, recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { AssistanceRow, CivilAffairsDB } from '../db-types.ts';

/** SQL over an `assistance` row: its child lives in the caller's jurisdiction (assistance follows the child's residence). */
export function assistanceInJurisdiction(context: CivilAffairsContext): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from child c where c.id = assistance.child_id and ${inScope(context.loaders.scope, sql.ref('c.village_code'))})`;
}

/**
 * The assistance row a decision is about, locked until the write commits, and only if its
 * child lives in the caller's jurisdiction: NOT_FOUND for an unknown id, FORBIDDEN outside,
 * both inside the transaction so nothing is written.
 */
export async function assistanceForWrite(write: WriteTransaction<CivilAffairsDB>, context: CivilAffairsContext, assistanceId: string): Promise<AssistanceRow> {
  const row = await write.trx
    .selectFrom('assistance')
    .selectAll()
    .select(assistanceInJurisdiction(context).as('in_scope'))
    // Compared as bigint in SQL: 18 digits do not survive a JS number.
    .where('id', '=', sql<number>`cast(${assistanceId} as bigint)`)
    .forUpdate()
    .executeTakeFirst();
  return recordForWrite(row, `assistance ${assistanceId}`);
}
