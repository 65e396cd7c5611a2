import { AGENCIES, divisionLevel } from '@lbc/schema';
import { z } from 'zod';

/**
 * An agency system that receives hand-off notices by webhook: those addressed to (or
 * escalated to, or copied to) its agency's units at its region or inside it. Registered by
 * the hub's operator in a file, not through the API: the hub posts only to addresses its
 * operator vouched for, so nobody can make it call an address of their choosing.
 */
export interface WebhookSubscription {
  id: string;
  agency: string;
  /** The division code whose units' notices it receives (a prefix). */
  regionCode: string;
  url: string;
  /** The shared secret the hub signs with (HMAC-SHA256); at least 32 characters. */
  secret: string;
}

const SUBSCRIPTION = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be lower-case letters, digits and hyphens' }),
  agency: z.enum(AGENCIES.filter((a) => a !== 'audit') as [string, ...string[]]),
  regionCode: z.string().refine((code) => divisionLevel(code) !== null, { error: 'must be a division code' }),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret: z.string().min(32, { error: 'must be at least 32 characters' }),
});

/** Reads the subscriptions file's JSON (an array); throws an Error naming every problem. */
export function parseWebhookSubscriptions(text: string): WebhookSubscription[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('is not JSON');
  }
  const parsed = z.array(SUBSCRIPTION).safeParse(json);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  const ids = parsed.data.map((s) => s.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`subscription id ${repeated} is used twice`);
  return parsed.data;
}

/** Whether a notice to `agency` at `regionCode` is for this subscriber. */
export function subscribes(subscription: WebhookSubscription, notice: { agency: string; regionCode: string }): boolean {
  return notice.agency === subscription.agency && notice.regionCode.startsWith(subscription.regionCode);
}
