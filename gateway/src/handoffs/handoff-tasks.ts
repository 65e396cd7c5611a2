import type { HubDB } from '@lbc/audit/store';
import type { Logger } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import type { AuditSink } from '../audit/commit-entry.ts';
import type { ExchangeClient } from '../exchange/exchange-client.ts';
import type { RoundTask } from '../exchange/exchange.ts';
import { sweepHandoffClock } from './handoff-clock.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import type { WebhookSubscription } from './webhook-subscriptions.ts';

export interface HandoffTaskOptions {
  db: Kysely<HubDB>;
  client: ExchangeClient;
  audit: AuditSink;
  log: Logger;
  webhooks: readonly WebhookSubscription[];
  clock?: (() => Date) | undefined;
  webhookRetryBaseMs?: number | undefined;
}

/**
 * The hand-offs' work in the exchange's round, in this order: the clock first (what ran past
 * due is escalated, and its notices written), then the push (those notices go out in the
 * same round).
 */
export function handoffTasks(options: HandoffTaskOptions): RoundTask[] {
  const clock = options.clock ?? (() => new Date());
  // The exchange's logger already names its component; these lines say which of its tasks speaks.
  const log = options.log.child({ task: 'handoffs' });
  const webhooks = new WebhookDispatcher({
    db: options.db,
    client: options.client,
    audit: options.audit,
    log,
    subscriptions: options.webhooks,
    clock,
    ...(options.webhookRetryBaseMs === undefined ? {} : { retryBaseMs: options.webhookRetryBaseMs }),
  });
  return [
    { name: 'handoff-clock', run: () => sweepHandoffClock(options.client, clock, log) },
    { name: 'webhooks', run: () => webhooks.runOnce() },
  ];
}
