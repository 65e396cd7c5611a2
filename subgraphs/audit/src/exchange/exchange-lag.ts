import type { Kysely } from 'kysely';
import type { HubDB } from '../store/hub-db.ts';

/** One cursor of the exchange, as the lag query shows it. */
export interface ExchangeLagRow {
  source: string;
  subscriber: string;
  position: string;
  pending: number;
  oldestPendingAt: Date | null;
  lagSeconds: number;
  lastError: string | null;
  deliveredAt: Date | null;
  checkedAt: Date | null;
}

/** Every cursor of the exchange, with the age of its oldest waiting event: one statement over a table of (agencies²) rows. */
export async function exchangeLag(db: Kysely<HubDB>, now: Date = new Date()): Promise<ExchangeLagRow[]> {
  const rows = await db.selectFrom('exchange_cursor').selectAll().orderBy('source').orderBy('subscriber').execute();
  return rows.map((row) => ({
    source: row.source,
    subscriber: row.subscriber,
    position: String(row.position),
    pending: row.pending,
    oldestPendingAt: row.oldest_pending_at,
    lagSeconds: row.oldest_pending_at ? Math.max(0, (now.getTime() - new Date(row.oldest_pending_at).getTime()) / 1000) : 0,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    checkedAt: row.checked_at,
  }));
}
