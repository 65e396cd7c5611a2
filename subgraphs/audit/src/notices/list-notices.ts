import type { Principal } from '@lbc/schema';
import { pageWindow, toConnection, type Connection, type PageArgs } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import { afterRowId } from '../after-row-id.ts';
import type { HubDB } from '../store/hub-db.ts';
import { noticeInScope } from './notice-scope.ts';
import { noticeView, type NoticeRow, type NoticeView } from './notice-view.ts';

/**
 * One page of the notices to the caller's agency within its reach, newest first (id
 * order), each with its acknowledgement if any, in one statement (access_notice_owner_idx).
 */
export async function listNotices(db: Kysely<HubDB>, principal: Principal, unacknowledgedOnly: boolean, args: PageArgs): Promise<Connection<NoticeView>> {
  const window = pageWindow(args, 1);
  const after = afterRowId(window);
  const { rows } = await sql<NoticeRow>`
    select n.*, a.acknowledged_at, a.acknowledged_by
    from access_notice n left join access_notice_ack a on a.notice_id = n.id
    where ${noticeInScope(principal)}
      ${unacknowledgedOnly ? sql`and a.notice_id is null` : sql``}
      ${after === null ? sql`` : sql`and n.id < ${after}`}
    order by n.id desc
    limit ${window.first + 1}`.execute(db);
  return toConnection(rows.map(noticeView), window.first, (notice) => [notice.id]);
}
