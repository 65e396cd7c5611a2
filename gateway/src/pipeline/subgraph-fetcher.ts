import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * @apollo/gateway waits forever for a subgraph by default. A hung agency system must
 * cost the caller a bounded wait and a null branch, not a hung request.
 */
export function timeoutFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}
