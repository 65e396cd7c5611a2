import type { HubDB } from '@lbc/audit/store';
import type { Logger } from '@lbc/subgraph-kit';
import { sql, type Kysely, type Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../audit/commit-entry.ts';
import type { ExchangeClient } from '../exchange/exchange-client.ts';
import { webhookHeaders } from './sign-webhook.ts';
import { webhookAuditRecord } from './webhook-audit-record.ts';
import { subscribes, type WebhookSubscription } from './webhook-subscriptions.ts';

export interface WebhookDispatcherOptions {
  db: Kysely<HubDB>;
  client: ExchangeClient;
  audit: AuditSink;
  log: Logger;
  subscriptions: readonly WebhookSubscription[];
  /** The hub's clock: when a delivery is due again (tests move it on instead of waiting). */
  clock?: () => Date;
  /** Notices read, and deliveries attempted, per pass (default 200). */
  batchSize?: number;
  /** How long a subscriber has to answer (default 10 s). */
  timeoutMs?: number;
  /** Attempts before a delivery is given up on and logged (default 12: about 7 hours of backoff). */
  maxAttempts?: number;
  /** The first retry's wait; each next one doubles it, up to an hour (default 5 s). */
  retryBaseMs?: number;
}

/** The feed this dispatcher follows, by name in webhook_feed. */
const FEED = 'handoffs';
const MAX_RETRY_WAIT_MS = 3600_000;

type Delivery = Selectable<HubDB['webhook_delivery']>;

/**
 * Pushes hand-off notices to the agency systems that subscribed: at least once, signed, each
 * attempt recorded in the audit log before it leaves, retried with exponential backoff.
 * A pass reads the notice feed after its position and queues one delivery per notice and
 * matching subscriber (queueing and the new position commit together, so a crash repeats
 * nothing and loses nothing), then attempts what is due. A subscriber that is down delays
 * only its own deliveries.
 */
export class WebhookDispatcher {
  private readonly clock: () => Date;
  private readonly batchSize: number;
  private readonly byId: Map<string, WebhookSubscription>;
  private feedCreated = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = options.batchSize ?? 200;
    this.byId = new Map(options.subscriptions.map((s) => [s.id, s]));
  }

  /** One pass: queue what is new, then attempt what is due. */
  async runOnce(): Promise<{ queued: number; delivered: number; failed: number }> {
    if (!this.byId.size) return { queued: 0, delivered: 0, failed: 0 };
    const queued = await this.queueNew();
    const outcomes = await this.attemptDue();
    return { queued, delivered: outcomes.filter((o) => o === 'delivered').length, failed: outcomes.filter((o) => o !== 'delivered').length };
  }

  private async queueNew(): Promise<number> {
    let queued = 0;
    let position = await this.position();
    for (;;) {
      const notices = await this.options.client.handoffNotices(position, this.batchSize);
      if (!notices.length) return queued;
      const now = this.clock();
      const rows = notices.flatMap((n) => {
        const subscribers = this.options.subscriptions.filter((s) => subscribes(s, n));
        if (!subscribers.length) return [];
        const { handoff } = JSON.parse(n.payload) as { handoff: { id: string; childId: string | null } };
        return subscribers.map((s) => ({ subscription_id: s.id, notice_id: n.id, notice_seq: n.seq, handoff_id: handoff.id, child_id: handoff.childId, payload: n.payload, next_attempt_at: now }));
      });
      await this.options.db.transaction().execute(async (trx) => {
        if (rows.length)
          await trx
            .insertInto('webhook_delivery')
            .values(rows)
            .onConflict((c) => c.columns(['subscription_id', 'notice_id']).doNothing())
            .execute();
        await trx
          .updateTable('webhook_feed')
          .set({ position: notices.at(-1)!.seq })
          .where('name', '=', FEED)
          .execute();
      });
      queued += rows.length;
      position = notices.at(-1)!.seq;
      if (notices.length < this.batchSize) return queued;
    }
  }

  /** The feed's position; its row is created once per process, then only read (another process may have moved it while it held the lease). */
  private async position(): Promise<string> {
    if (!this.feedCreated) {
      await this.options.db
        .insertInto('webhook_feed')
        .values({ name: FEED, position: 0 })
        .onConflict((c) => c.column('name').doNothing())
        .execute();
      this.feedCreated = true;
    }
    const row = await this.options.db.selectFrom('webhook_feed').select('position').where('name', '=', FEED).executeTakeFirstOrThrow();
    return String(row.position);
  }

  private async attemptDue(): Promise<('delivered' | 'retry' | 'failed')[]> {
    const due = await this.options.db
      .selectFrom('webhook_delivery')
      .selectAll()
      .where('status', '=', 'PENDING')
      .where('next_attempt_at', '<=', this.clock())
      .orderBy('next_attempt_at')
      .limit(this.batchSize)
      .execute();
    return Promise.all(due.map((d) => this.attempt(d)));
  }

  /** One attempt at one delivery; its outcome is written back whatever happens. */
  private async attempt(delivery: Delivery): Promise<'delivered' | 'retry' | 'failed'> {
    const subscription = this.byId.get(delivery.subscription_id);
    const attempt = delivery.attempts + 1;
    const now = this.clock();
    if (!subscription) return this.settle(delivery, attempt, now, 'the subscription is no longer configured', true);
    const requestId = `webhook-${randomUUID()}`;
    // The disclosure is recorded first; no entry, no request (fail-closed, tried again next pass).
    await this.options.audit.append(webhookAuditRecord(subscription, { noticeId: delivery.notice_id, handoffId: delivery.handoff_id, childId: delivery.child_id, attempt }, requestId, now));
    const body = JSON.stringify({ id: delivery.notice_id, type: 'handoff.notice', ...(JSON.parse(delivery.payload) as object) });
    let problem: string | null = null;
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: { ...webhookHeaders(subscription.secret, delivery.notice_id, body, now), 'x-request-id': requestId },
        body,
        // A redirect is an answer we did not vouch for: not followed, retried as a failure.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status >= 300) problem = `HTTP ${response.status}`;
    } catch (error) {
      problem = `unreachable (${(error as Error).name})`;
    }
    return this.settle(delivery, attempt, now, problem, false);
  }

  private async settle(delivery: Delivery, attempt: number, now: Date, problem: string | null, final: boolean): Promise<'delivered' | 'retry' | 'failed'> {
    const key = (eb: any) => eb.and({ subscription_id: delivery.subscription_id, notice_id: delivery.notice_id });
    if (problem === null) {
      await this.options.db.updateTable('webhook_delivery').set({ status: 'DELIVERED', attempts: attempt, delivered_at: now, last_error: null }).where(key).execute();
      return 'delivered';
    }
    const giveUp = final || attempt >= (this.options.maxAttempts ?? 12);
    const wait = Math.min((this.options.retryBaseMs ?? 5000) * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS);
    await this.options.db
      .updateTable('webhook_delivery')
      .set({ status: giveUp ? 'FAILED' : 'PENDING', attempts: attempt, last_error: problem, next_attempt_at: giveUp ? now : new Date(now.getTime() + wait) })
      .where(key)
      .execute();
    const fields = { subscription: delivery.subscription_id, notice: delivery.notice_id, handoff: delivery.handoff_id, attempt, reason: problem };
    if (giveUp) this.options.log.error(fields, 'webhook delivery given up; the notice stays in the hand-off and the queue');
    else this.options.log.warn({ ...fields, retryInMs: wait }, 'webhook delivery failed; will retry');
    return giveUp ? 'failed' : 'retry';
  }
}

/** Deliveries by status, for operators (and tests). */
export async function webhookBacklog(db: Kysely<HubDB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('webhook_delivery')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
