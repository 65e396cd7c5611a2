import { inScope, recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { PoliceContext } from '../context.ts';
import type { PoliceChildRow, PoliceDB } from '../db-types.ts';

/**
 * The child a write is about, as the police know it, locked until the write commits, and
 * only if it is the caller's to write: by the police's own place of the child (its
 * household's registered address, or the handover's village while unregistered) under the
 * caller's region, or its household's station for staff bound to that station — not by
 * places other agencies publish. police_child is a view over a union and cannot be locked,
 * so its base rows are locked first (the handover, then the resident: the order every
 * write takes) and the view is read after, seeing whatever committed meanwhile. Unknown is
 * NOT_FOUND, outside the jurisdiction FORBIDDEN; both inside the transaction, so nothing is
 * written.
 */
export async function childForWrite(write: WriteTransaction<PoliceDB>, context: PoliceContext, childId: string): Promise<PoliceChildRow> {
  await write.trx.selectFrom('unregistered_child').select('child_id').where('child_id', '=', childId).forUpdate().execute();
  await write.trx.selectFrom('resident').select('child_id').where('child_id', '=', childId).forUpdate().execute();
  const row = await write.trx
    .selectFrom('police_child')
    .selectAll()
    .select(inScope(context.loaders.scope, sql.ref('police_child.place_code'), sql.ref('police_child.station_id')).as('in_scope'))
    .where('id', '=', childId)
    .executeTakeFirst();
  return recordForWrite(row, `child ${childId}`);
}
