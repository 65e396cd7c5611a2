import { randomBytes, randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The header callers and subgraphs read the request id from, and answers carry it in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The request's id, which the audit entry, every log line, every subgraph hop and the
 * response header carry. Always unique: a caller's plausible `x-request-id` is kept as
 * its prefix (so agency systems can find their requests in our logs and in the audit),
 * followed by a random suffix of ours, so no caller can give two requests the same id.
 * Arbitrary input is never echoed.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? `${value}~${randomBytes(4).toString('hex')}` : randomUUID();
}
