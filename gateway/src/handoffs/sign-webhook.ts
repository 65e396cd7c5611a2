import { createHmac } from 'node:crypto';

/**
 * The headers of a signed webhook, after the Standard Webhooks convention: the message id
 * (the receiver's idempotency key: a retry carries the same), the time it was signed, and
 * `v1,` + base64 HMAC-SHA256 over `id.timestamp.body` with the subscriber's secret. A
 * receiver recomputes it, compares in constant time, and rejects stale timestamps.
 */
export function webhookHeaders(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}`, 'content-type': 'application/json' };
}
