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
  /** The pairs this process has made sure exist: created once, not every round. */
  private created = false;
  /** What this process last wrote of each pair's backlog, and when: an unchanged one is not written again every round. */
  private readonly recorded = new Map<string, { backlog: string; at: number }>();

  constructor(private readonly db: Kysely<HubDB>) {}

  /**
   * The cursors, read afresh each round (another exchange may have moved them while it held
   * the lease); the pairs' rows are created at 0, once per process.
   */
  async load(pairs: readonly { source: string; subscriber: string }[]): Promise<Cursor[]> {
    if (!this.created) {
      await this.db
        .insertInto('exchange_cursor')
        .values(pairs.map((p) => ({ ...p })))
        .onConflict((c) => c.columns(['source', 'subscriber']).doNothing())
        .execute();
      this.created = true;
    }
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
    this.remember(cursor, backlog);
  }

  /**
   * Records what waits without a delivery (caught up, or the subscriber could not take it).
   * A backlog unchanged since this process last wrote it is written again only after
   * UNCHANGED_REFRESH_MS, so an idle hub does not update every cursor every round, and
   * `checked_at` still says the exchange is alive.
   */
  async report(cursor: Cursor, backlog: Backlog): Promise<void> {
    const last = this.recorded.get(keyOf(cursor));
    if (last?.backlog === signature(backlog) && Date.now() - last.at < UNCHANGED_REFRESH_MS) return;
    await this.db.updateTable('exchange_cursor').set(this.backlogColumns(backlog)).where('source', '=', cursor.source).where('subscriber', '=', cursor.subscriber).execute();
    this.remember(cursor, backlog);
  }

  /** The source itself could not be read: its subscribers' backlogs are as last known, with this reason. */
  async reportSourceDown(source: string, reason: string): Promise<void> {
    await this.db
      .updateTable('exchange_cursor')
      .set({ last_error: `source: ${reason}`.slice(0, 500), checked_at: sql<Date>`now()` })
      .where('source', '=', source)
      .execute();
    for (const key of this.recorded.keys()) if (key.startsWith(`${source} `)) this.recorded.delete(key);
  }

  private remember(cursor: Cursor, backlog: Backlog): void {
    this.recorded.set(keyOf(cursor), { backlog: signature(backlog), at: Date.now() });
  }

  private backlogColumns(backlog: Backlog) {
    return { pending: backlog.pending, oldest_pending_at: backlog.oldestPendingAt, last_error: backlog.error?.slice(0, 500) ?? null, checked_at: sql<Date>`now()` };
  }
}

/** How long an unchanged backlog goes unwritten at most: how stale `checked_at` may be while the exchange runs. */
const UNCHANGED_REFRESH_MS = 30_000;

function keyOf(cursor: { source: string; subscriber: string }): string {
  return `${cursor.source} ${cursor.subscriber}`;
}

function signature(backlog: Backlog): string {
  return JSON.stringify([backlog.pending, backlog.oldestPendingAt?.getTime() ?? null, backlog.error]);
}
