import { badRequest, canonicalJson } from '@lbc/schema';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Visible ASCII, 1 to 255 characters: a UUID, a ULID or a client's own request number all fit. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, if it sent one; BAD_REQUEST for one that cannot be a key. */
export function idempotencyKeyOf(http: IncomingMessage): string | undefined {
  const raw = http.headers[IDEMPOTENCY_KEY_HEADER];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (!KEY.test(value)) throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)');
  return value;
}

/**
 * What makes two requests "the same request" under one key: the operation text that ran,
 * the operation name and the variables (canonically: key order does not matter). A retry
 * sends all three unchanged; anything else under the same key is another request.
 */
export function requestFingerprint(source: string, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): string {
  return createHash('sha256')
    .update(canonicalJson([source, operationName ?? null, variables ?? {}]))
    .digest('hex');
}
