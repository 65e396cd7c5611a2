import type { Principal } from '@lbc/schema';
import { pageWindow, toConnection, type Connection, type PageArgs } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HandoffsDB, HotlineTicketRow } from '../db-types.ts';

/** The Youth League's tickets in the caller's region, newest first; other agencies have none of their own. */
export async function hotlineTickets(db: Kysely<HandoffsDB>, principal: Principal, args: PageArgs & { status?: string | null }): Promise<Connection<HotlineTicketRow>> {
  const window = pageWindow(args, 2);
  if (principal.agency !== 'youth_league') return toConnection([], window.first, () => []);
  let query = db.selectFrom('hotline_ticket as t').selectAll('t').where('t.owner_region', 'like', `${principal.region}%`);
  if (args.status) query = query.where('t.status', '=', args.status as never);
  if (window.after) query = query.where(sql<boolean>`(t.opened_at, t.id) < (${window.after[0]}::timestamptz, ${window.after[1]})`);
  const rows = await query
    .orderBy('t.opened_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(window.first + 1)
    .execute();
  return toConnection(rows, window.first, (row) => [row.opened_at.toISOString(), row.id]);
}
