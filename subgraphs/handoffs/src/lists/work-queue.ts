import { ADMIN_LEVELS, type Principal } from '@lbc/schema';
import { pageWindow, toConnection, type Connection, type PageArgs } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';

/** One line of a work queue: the hand-off, and why it is in this queue. */
export type WorkQueueRow = HandoffRow & { why: 'ADDRESSED' | 'ESCALATED' };

/**
 * A principal's work queue, most urgent first (due time, then id), in one statement of two
 * index scans: hand-offs open at the caller's own unit (for org-bound staff, their org),
 * and — for officers — those below their unit escalated far enough up to reach them (a
 * township's overdue report reaches the county after one period, the city after two).
 */
export async function workQueue(db: Kysely<HandoffsDB>, principal: Principal, args: PageArgs & { overdueOnly?: boolean | null }): Promise<Connection<WorkQueueRow>> {
  const window = pageWindow(args, 2);
  if (principal.agency === 'audit') return toConnection([], window.first, () => []);
  const open = sql`h.state in ('SENT', 'ACCEPTED')`;
  const overdue = args.overdueOnly ? sql`and h.overdue_since is not null` : sql``;
  const addressed = principal.org === undefined ? sql`h.to_agency = ${principal.agency} and h.to_region = ${principal.region}` : sql`h.to_org = ${principal.org} and h.to_agency = ${principal.agency}`;
  const rank = ADMIN_LEVELS.indexOf(principal.level);
  const escalated =
    principal.org === undefined
      ? sql`union all
        select h.*, 'ESCALATED' as why from handoff h
        where ${open} ${overdue} and h.escalation_depth > 0 and h.to_agency = ${principal.agency}
          and h.to_region like ${`${principal.region}%`} and h.to_region <> ${principal.region}
          and h.escalation_depth >= (case h.to_level when 'city' then 1 when 'county' then 2 when 'town' then 3 else 4 end) - ${rank}`
      : sql``;
  const after = window.after ? sql`where (q.due_at, q.id) > (${window.after[0]}::timestamptz, ${window.after[1]})` : sql``;
  const { rows } = await sql<WorkQueueRow>`
    select * from (
      select h.*, 'ADDRESSED' as why from handoff h where ${open} ${overdue} and ${addressed}
      ${escalated}
    ) q ${after}
    order by q.due_at, q.id
    limit ${window.first + 1}`.execute(db);
  return toConnection(rows, window.first, (row) => [new Date(row.due_at!).toISOString(), row.id]);
}
