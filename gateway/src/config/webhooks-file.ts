import { readFileSync } from 'node:fs';
import { parseWebhookSubscriptions, type WebhookSubscription } from '../handoffs/webhook-subscriptions.ts';

/** The agency systems that receive hand-off notices, from the file LBC_WEBHOOKS_FILE names (a JSON array). */
export function readWebhookSubscriptions(path: string): WebhookSubscription[] {
  return parseWebhookSubscriptions(readFileSync(path, 'utf8'));
}
