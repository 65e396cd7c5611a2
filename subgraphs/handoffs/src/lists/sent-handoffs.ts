import type { HandoffState, Principal } from '@lbc/schema';
import { pageWindow, toConnection, type Connection, type PageArgs } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';

/** The hand-offs the caller's unit (or a unit inside it; for org-bound staff, its org) sent, newest first. */
export async function sentHandoffs(db: Kysely<HandoffsDB>, principal: Principal, args: PageArgs & { state?: HandoffState | null }): Promise<Connection<HandoffRow>> {
  const window = pageWindow(args, 2);
  if (principal.agency === 'audit') return toConnection([], window.first, () => []);
  let query = db.selectFrom('handoff as h').selectAll('h').where('h.from_agency', '=', principal.agency).where('h.from_region', 'like', `${principal.region}%`);
  if (principal.org !== undefined) query = query.where('h.from_org', '=', principal.org);
  if (args.state) query = query.where('h.state', '=', args.state);
  if (window.after) query = query.where(sql<boolean>`(h.sent_at, h.id) < (${window.after[0]}::timestamptz, ${window.after[1]})`);
  const rows = await query
    .orderBy('h.sent_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(window.first + 1)
    .execute();
  return toConnection(rows, window.first, (row) => [row.sent_at.toISOString(), row.id]);
}
