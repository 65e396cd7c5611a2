import type { HubDB } from '@lbc/audit/store';
import { sql, type Kysely } from 'kysely';

/** Where one subscriber stands in one source's outbox. */
export interface Cursor {
  source: string;
  subscriber: string;
  /** The last outbox position delivered (0: nothing yet). */
  position: number;
}

/** What the lag query reports for one subscriber of one source. */
export interface Backlog {
  /** Events fetched and not yet delivered (at most one batch: "at least this many"). */
  pending: number;
  oldestPendingAt: Date | null;
  error: string | null;
}

/**
 * The exchange's cursors in the hub database: a restart resumes where the last delivery
 * ended, so nothing is lost and nothing delivered again has any effect beyond a duplicate
 * the subscriber recognises. A cursor only moves forward, even if two exchanges raced.
 */
export class ExchangeCursors {
  constructor(private readonly db: Kysely<HubDB>) {}

  /** The cursors of these pairs, created at 0 when new. One statement each way. */
  async load(pairs: readonly { source: string; subscriber: string }[]): Promise<Cursor[]> {
    await this.db
      .insertInto('exchange_cursor')
      .values(pairs.map((p) => ({ ...p })))
      .onConflict((c) => c.columns(['source', 'subscriber']).doNothing())
      .execute();
    const rows = await this.db.selectFrom('exchange_cursor').select(['source', 'subscriber', 'position']).execute();
    return rows.map((r) => ({ ...r, position: Number(r.position) }));
  }

  /** Records a delivery up to `position`, and what still waits. */
  async advance(cursor: Cursor, position: number, backlog: Backlog): Promise<void> {
    await this.db
      .updateTable('exchange_cursor')
      .set({ position: sql<number>`greatest(position, ${position})`, delivered_at: sql<Date>`now()`, ...this.backlogColumns(backlog) })
      .where('source', '=', cursor.source)
      .where('subscriber', '=', cursor.subscriber)
      .execute();
  }

  /** Records what waits without a delivery (caught up, or the subscriber could not take it). */
  async report(cursor: Cursor, backlog: Backlog): Promise<void> {
    await this.db.updateTable('exchange_cursor').set(this.backlogColumns(backlog)).where('source', '=', cursor.source).where('subscriber', '=', cursor.subscriber).execute();
  }

  /** The source itself could not be read: its subscribers' backlogs are as last known, with this reason. */
  async reportSourceDown(source: string, reason: string): Promise<void> {
    await this.db
      .updateTable('exchange_cursor')
      .set({ last_error: `source: ${reason}`.slice(0, 500), checked_at: sql<Date>`now()` })
      .where('source', '=', source)
      .execute();
  }

  private backlogColumns(backlog: Backlog) {
    return { pending: backlog.pending, oldest_pending_at: backlog.oldestPendingAt, last_error: backlog.error?.slice(0, 500) ?? null, checked_at: sql<Date>`now()` };
  }
}
