import type { Fetcher } from '@apollo/utils.fetcher';
import { subgraphUnavailable } from '@lbc/schema';

/** Told of every subgraph fetch: which subgraph, how it went, how long it took. */
export type FetchObserver = (subgraph: string, outcome: 'ok' | 'error' | 'unavailable', seconds: number) => void;

/**
 * How the gateway reaches one subgraph. @apollo/gateway waits forever by default: a hung
 * agency system must cost the caller a bounded wait and a null branch, not a hung
 * request. A refused or timed-out call becomes a typed error naming the agency service
 * (the raw error says only "fetch failed", and its cause carries the internal address).
 */
export function subgraphFetcher(serviceName: string, timeoutMs: number, observe: FetchObserver = () => undefined): Fetcher {
  return (async (url: string, init?: RequestInit) => {
    const started = performance.now();
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      observe(serviceName, response.ok ? 'ok' : 'error', (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      observe(serviceName, 'unavailable', (performance.now() - started) / 1000);
      const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'unreachable';
      throw subgraphUnavailable(serviceName, { reason, cause: error });
    }
  }) as unknown as Fetcher;
}
