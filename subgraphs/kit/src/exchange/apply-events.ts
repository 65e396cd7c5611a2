import type { Kysely, Transaction } from 'kysely';
import type { EventKind, HubEvent } from '../writes/hub-event.ts';
import type { WritableDB } from '../writes/write-transaction.ts';
import { applyPlaceEvents, isPlaceEvent } from './apply-place-events.ts';

/**
 * What an agency does with the events it receives beyond places (which the kit applies
 * itself): its own rows, in the delivery's transaction, in order. A kind without a
 * handler is recorded as received and changes nothing here.
 */
export type EventHandlers<DB> = Partial<Record<EventKind, (trx: Transaction<DB>, events: HubEvent[]) => Promise<void>>>;

export interface ApplyOutcome {
  /** Events applied now. */
  applied: number;
  /** Events this database had applied before (a redelivery): changed nothing. */
  duplicates: number;
}

/**
 * Applies a delivery from the exchange, exactly once per event: one transaction records
 * every event id in the inbox (a second delivery of an id inserts nothing and is skipped),
 * then applies the new ones in their order — places by the kit, other kinds by the
 * agency's handlers. All of it commits, or none (the exchange then delivers again).
 */
export async function applyEvents<DB extends WritableDB>(db: Kysely<DB>, events: readonly HubEvent[], handlers: EventHandlers<DB> = {}): Promise<ApplyOutcome> {
  if (!events.length) return { applied: 0, duplicates: 0 };
  return db.transaction().execute(async (trx) => {
    const own = trx as unknown as Kysely<WritableDB>;
    const inserted = await own
      .insertInto('inbox')
      .values(events.map((e) => ({ event_id: e.eventId, source: e.source })))
      .onConflict((c) => c.column('event_id').doNothing())
      .returning('event_id')
      .execute();
    const fresh = new Set(inserted.map((r) => r.event_id));
    const apply = events.filter((e) => fresh.has(e.eventId));
    await applyPlaceEvents(own, apply.filter(isPlaceEvent));
    for (const [kind, handle] of Object.entries(handlers) as [EventKind, NonNullable<EventHandlers<DB>[EventKind]>][]) {
      const ofKind = apply.filter((e) => e.kind === kind);
      if (ofKind.length) await handle(trx, ofKind);
    }
    return { applied: apply.length, duplicates: events.length - apply.length };
  });
}
