import { inScope, recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { ChildRow, CivilAffairsDB } from '../db-types.ts';

/**
 * The registry row a write is about, locked until the write commits, and only if it is the
 * caller's to write: civil affairs writes for the children living in its jurisdiction (the
 * residence village), whatever other place makes a child visible to it. An unknown id is
 * NOT_FOUND, one outside the jurisdiction FORBIDDEN; both inside the transaction, so
 * nothing is written.
 */
export async function childForWrite(write: WriteTransaction<CivilAffairsDB>, context: CivilAffairsContext, childId: string): Promise<ChildRow> {
  const row = await write.trx
    .selectFrom('child')
    .selectAll()
    .select(inScope(context.loaders.scope, sql.ref('child.village_code')).as('in_scope'))
    .where('id', '=', childId)
    .forUpdate()
    .executeTakeFirst();
  return recordForWrite(row, `child ${childId}`);
}
