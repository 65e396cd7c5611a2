import type { AuditRecord } from '@lbc/audit/store';
import { hubDisclosureRecord } from '../exchange/hub-disclosure-record.ts';
import type { WebhookSubscription } from './webhook-subscriptions.ts';

/**
 * A webhook delivery as the audit log records it: the subscriber's agency receives a
 * hand-off's notice (its kind, state, parties, derived reason: BASIC facts of the child it
 * names), sent by the hub. Committed before the request leaves, like every disclosure.
 */
export function webhookAuditRecord(
  subscription: WebhookSubscription,
  delivery: { noticeId: string; handoffId: string; childId: string | null; attempt: number },
  requestId: string,
  at: Date,
): AuditRecord {
  return hubDisclosureRecord({
    at,
    requestId,
    agency: subscription.agency,
    region: subscription.regionCode,
    client: `webhook:${subscription.id}`,
    operationName: `webhook ${subscription.id} notice ${delivery.noticeId}`,
    variables: { handoffId: delivery.handoffId, attempt: delivery.attempt },
    fetches: [{ subgraph: 'handoffs', fields: ['webhook:handoff-notice'] }],
    children: delivery.childId ? [{ childId: delivery.childId, fields: [{ coordinate: 'webhook:handoff-notice', fieldClass: 'BASIC', masked: false, owners: ['audit'] }] }] : [],
  });
}
