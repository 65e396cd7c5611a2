import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';

/**
 * How the gateway reaches one subgraph. @apollo/gateway waits forever by default: a hung
 * agency system must cost the caller a bounded wait and a null branch, not a hung
 * request. A refused or timed-out call becomes a typed error naming the agency service
 * (the raw error says only "fetch failed", and its cause carries the internal address).
 */
export function subgraphFetcher(serviceName: string, timeoutMs: number): Fetcher {
  return (async (url: string, init?: RequestInit) => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'unreachable';
      throw new GraphQLError(`the ${serviceName} service could not answer`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName, reason },
        originalError: error as Error,
      });
    }
  }) as unknown as Fetcher;
}
