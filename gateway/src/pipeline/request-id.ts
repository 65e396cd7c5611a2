import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Accepts a caller's `x-request-id` when it is a plausible id (so agency systems can
 * correlate their logs with ours) and mints one otherwise; never echoes arbitrary input.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}
