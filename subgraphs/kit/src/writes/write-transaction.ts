import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { applyPlaceEvents, isPlaceEvent } from '../exchange/apply-place-events.ts';
import type { ChildPlaceTable } from '../jurisdiction/child-places.ts';
import type { NewEvent } from './hub-event.ts';
import type { WriteChange } from './write-change.ts';
import { lockFeed } from './feed-lock.ts';
import type { WriteTables } from './write-tables.ts';

/** What the kit's write path needs of a subgraph's database. */
export type WritableDB = WriteTables & { child_place: ChildPlaceTable };

/**
 * The inside of one mutation's transaction: the rows go through `trx`, and the write says
 * what it changed (for the audit) and what it publishes (for the exchange). The events are
 * written to the outbox in the same transaction, so they commit with the rows or not at all.
 */
export class WriteTransaction<DB> {
  readonly changes: WriteChange[] = [];
  private readonly events: NewEvent[] = [];

  constructor(readonly trx: Transaction<DB>) {}

  /** Records what this write changed, for the audit entry. */
  changed(change: WriteChange): void {
    this.changes.push(change);
  }

  /**
   * Publishes an event to the other agencies. A place event applies here too, at once: this
   * agency's own child_place row follows its own fact in the same transaction.
   */
  publish(event: NewEvent): void {
    this.events.push(event);
  }

  /** Writes the outbox rows and this database's own places: one statement each. Called by runWrite before commit. */
  async flush(): Promise<void> {
    if (!this.events.length) return;
    const db = this.trx as unknown as Kysely<WritableDB>;
    await lockFeed(db, 'outbox');
    await db
      .insertInto('outbox')
      .values(this.events.map((e) => ({ event_id: randomUUID(), child_id: e.childId, kind: e.kind, payload: JSON.stringify(e.payload) })))
      .execute();
    await applyPlaceEvents(db, this.events.filter(isPlaceEvent));
  }
}
