import { forbidden } from '@lbc/schema';

/**
 * FORBIDDEN unless the hub's exchange asks (a gateway-signed token marked `svc: exchange`):
 * the `_` fields the hub's own worker calls — the outbox, deliveries, the hand-offs' clock
 * and feed, the data-quality check — are outside the field policy, so this is their rule.
 * `what` says what was refused, for the caller's error.
 */
export function assertExchange(context: { service?: 'exchange' | undefined }, what = 'call this'): void {
  if (context.service !== 'exchange') throw forbidden(`only the hub exchange may ${what}`, { inResolver: true });
}
