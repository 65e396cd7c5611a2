import type { Agency } from '@lbc/schema';
import type { Kysely } from 'kysely';
import type { HubEvent } from '../writes/hub-event.ts';
import type { WritableDB } from '../writes/write-transaction.ts';

/** Events after outbox position `after`, oldest first: one statement on the primary key. */
export async function readOutbox(db: Kysely<WritableDB>, source: Agency, after: string, limit: number): Promise<HubEvent[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('seq', '>', after as never)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(
    (row) =>
      ({
        eventId: row.event_id,
        seq: String(row.seq),
        source,
        childId: row.child_id,
        kind: row.kind,
        payload: row.payload,
        occurredAt: new Date(row.created_at).toISOString(),
      }) as HubEvent,
  );
}
