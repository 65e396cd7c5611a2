import { notFound, type Principal } from '@lbc/schema';
import { sql, type Kysely } from 'kysely';
import type { HubDB } from '../store/hub-db.ts';
import { noticeInScope } from './notice-scope.ts';
import { noticeView, type NoticeRow, type NoticeView } from './notice-view.ts';

/** Notice ids are bigint identities: anything else cannot name one. */
const NOTICE_ID = /^[1-9]\d{0,17}$/;

/**
 * Acknowledges a notice for the caller, in ONE statement: the notice is looked up within
 * the caller's reach, an acknowledgement inserted unless one exists (the table is
 * append-only: the first acknowledgement stands, a second one returns it unchanged), and
 * the notice returned with whichever acknowledgement is on record. An id that is unknown,
 * malformed or out of reach gets the same NOT_FOUND, so ids cannot be probed for existence.
 */
export async function acknowledgeNotice(db: Kysely<HubDB>, principal: Principal, id: string): Promise<NoticeView> {
  if (!NOTICE_ID.test(id)) throw noticeNotFound();
  // The main query reads the snapshot before the insert, so the acknowledgement comes from
  // `inserted` when this call made it and from `access_notice_ack` when an earlier one did.
  const { rows } = await sql<NoticeRow>`
    with target as (
      select n.id from access_notice n where n.id = ${id}::bigint and ${noticeInScope(principal)}
    ),
    inserted as (
      insert into access_notice_ack (notice_id, acknowledged_by, acknowledged_at)
      select id, ${principal.subject}, now() from target
      on conflict (notice_id) do nothing
      returning notice_id, acknowledged_by, acknowledged_at
    )
    select n.*,
      coalesce(earlier.acknowledged_at, inserted.acknowledged_at) as acknowledged_at,
      coalesce(earlier.acknowledged_by, inserted.acknowledged_by) as acknowledged_by
    from access_notice n
    join target on target.id = n.id
    left join inserted on inserted.notice_id = n.id
    left join access_notice_ack earlier on earlier.notice_id = n.id`.execute(db);
  const row = rows[0];
  if (!row) throw noticeNotFound();
  // A concurrent acknowledgement committed after this statement's snapshot: neither side
  // shows it, though the insert yielded to it. Read it back (rare; costs one statement).
  if (row.acknowledged_at === null) return noticeView(await readAcknowledged(db, row));
  return noticeView(row);
}

async function readAcknowledged(db: Kysely<HubDB>, row: NoticeRow): Promise<NoticeRow> {
  const ack = await db.selectFrom('access_notice_ack').select(['acknowledged_at', 'acknowledged_by']).where('notice_id', '=', row.id).executeTakeFirstOrThrow();
  return { ...row, ...ack };
}

function noticeNotFound() {
  return notFound('no such notice to your agency within your jurisdiction', { inResolver: true });
}
