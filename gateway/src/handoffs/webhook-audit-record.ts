import type { AuditRecord } from '@lbc/audit/store';
import { EXCHANGE_PRINCIPAL } from '@lbc/schema';
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
  return {
    at,
    requestId,
    principal: {
      subject: EXCHANGE_PRINCIPAL.subject,
      issuer: EXCHANGE_PRINCIPAL.issuer,
      agency: subscription.agency,
      level: EXCHANGE_PRINCIPAL.level,
      region: subscription.regionCode,
      org: null,
      roles: EXCHANGE_PRINCIPAL.roles,
    },
    client: `webhook:${subscription.id}`,
    purpose: 'CASE_MANAGEMENT',
    caseId: null,
    justification: null,
    breakGlass: false,
    mode: null,
    operationName: `webhook ${subscription.id} notice ${delivery.noticeId}`,
    operationHash: null,
    operationText: null,
    variables: { handoffId: delivery.handoffId, attempt: delivery.attempt },
    fetches: [{ subgraph: 'handoffs', fields: ['webhook:handoff-notice'] }],
    children: delivery.childId ? [{ childId: delivery.childId, fields: [{ coordinate: 'webhook:handoff-notice', fieldClass: 'BASIC', masked: false, owners: ['audit'] }] }] : [],
    otherFields: [],
    denied: [],
    outcome: 'ok',
    errorCodes: [],
    reason: null,
    durationMs: 0,
  };
}
