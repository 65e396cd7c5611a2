import { randomUUID } from 'node:crypto';
import type { Agency } from '@lbc/schema';
import type { EventKind, EventPayloads } from '../writes/hub-event.ts';

export { APPLY_EVENTS } from '../exchange/exchange-schema.ts';

/** One event as the exchange delivers it (the `_DeliveredEvent` input), with a fresh id unless one is given. */
export function deliveredEvent<K extends EventKind>(source: Agency, childId: string, kind: K, payload: EventPayloads[K], seq = 1, eventId: string = randomUUID()) {
  return { eventId, seq: String(seq), source, childId, kind, payload: JSON.stringify(payload), occurredAt: new Date().toISOString() };
}

/** The police's `identity.issued` for a child, as delivered. */
export function identityIssued(childId: string, idNumber: string, seq = 1, eventId?: string) {
  return deliveredEvent('police', childId, 'identity.issued', { idNumber }, seq, eventId);
}
