import { sql, type Kysely } from 'kysely';
import type { HubDB } from '../store/hub-db.ts';

/** The push to one agency system, as operators see it. */
export interface WebhookBacklogRow {
  subscription: string;
  pending: number;
  failed: number;
  delivered: number;
  oldestPendingAt: Date | null;
  lastError: string | null;
}

/**
 * Per subscription: deliveries waiting (with the oldest), given up on, and done, and the
 * last failure. One grouped statement; the due-index keeps the pending side cheap, and
 * delivered rows are counted, not read.
 */
export async function webhookBacklog(db: Kysely<HubDB>): Promise<WebhookBacklogRow[]> {
  const rows = await db
    .selectFrom('webhook_delivery')
    .select([
      'subscription_id',
      sql<number>`count(*) filter (where status = 'PENDING')::int`.as('pending'),
      sql<number>`count(*) filter (where status = 'FAILED')::int`.as('failed'),
      sql<number>`count(*) filter (where status = 'DELIVERED')::int`.as('delivered'),
      sql<Date | null>`min(next_attempt_at) filter (where status = 'PENDING')`.as('oldest_pending_at'),
      sql<string | null>`(array_agg(last_error order by next_attempt_at desc) filter (where last_error is not null and status <> 'DELIVERED'))[1]`.as('last_error'),
    ])
    .groupBy('subscription_id')
    .orderBy('subscription_id')
    .execute();
  return rows.map((r) => ({ subscription: r.subscription_id, pending: r.pending, failed: r.failed, delivered: r.delivered, oldestPendingAt: r.oldest_pending_at, lastError: r.last_error }));
}
