import { recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import type { HandoffsContext } from '../context.ts';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';
import { partyToHandoff } from '../visibility.ts';

/**
 * The hand-off a transition is about, locked until the write commits. One the caller is no
 * party to answers like one that does not exist (NOT_FOUND): hand-off ids are sequential,
 * and which children have hand-offs is itself protective.
 */
export async function handoffForWrite(write: WriteTransaction<HandoffsDB>, context: HandoffsContext, id: string): Promise<HandoffRow> {
  const row = await write.trx.selectFrom('handoff as h').selectAll('h').select(partyToHandoff(context.principal).as('in_scope')).where('h.id', '=', id).forUpdate().executeTakeFirst();
  return recordForWrite(row && row.in_scope ? row : undefined, `hand-off ${id}`, `no hand-off ${id} that you are a party to`) as HandoffRow;
}
