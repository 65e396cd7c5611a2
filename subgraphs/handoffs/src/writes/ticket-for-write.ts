import { forbidden } from '@lbc/schema';
import { recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { HandoffsContext } from '../context.ts';
import type { HandoffsDB, HotlineTicketRow } from '../db-types.ts';

/**
 * A hotline ticket the Youth League writes to, locked until the write commits: its region's
 * Youth League only (an agency it was transferred to reads it, and answers the transfer).
 * A closed ticket takes nothing more: INVALID_TRANSITION is the caller's to raise.
 */
export async function ticketForWrite(write: WriteTransaction<HandoffsDB>, context: HandoffsContext, id: string): Promise<HotlineTicketRow> {
  const principal = context.principal;
  if (principal.agency !== 'youth_league') throw forbidden('hotline tickets are written by the Youth League', { inResolver: true });
  const row = await write.trx
    .selectFrom('hotline_ticket as t')
    .selectAll('t')
    .select(sql<boolean>`t.owner_region like ${`${principal.region}%`}`.as('in_scope'))
    .where('t.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return recordForWrite(row, `hotline ticket ${id}`) as HotlineTicketRow;
}
