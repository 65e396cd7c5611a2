import { REQUEST_ID_HEADER } from '../pipeline/request-id.ts';

/** A subgraph call the hub makes itself that did not come back with data: unreachable, refused, or answered with errors. */
export class SubgraphCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubgraphCallError';
  }
}

/**
 * One GraphQL call the hub makes to a subgraph on its own (not a planned fetch): a token the
 * gateway signed for that subgraph, the request id for the logs, a bounded wait. Resolves
 * with `data`; rejects with a SubgraphCallError saying what went wrong (its first error's
 * code and message, or the HTTP status) — never with the subgraph's address.
 */
export async function callSubgraph<T>(url: string, token: string, requestId: string, query: string, variables: Record<string, unknown>, timeoutMs: number): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: requestId },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SubgraphCallError(`unreachable (${(error as Error).name})`);
  }
  const body = (await response.json().catch(() => null)) as { data?: T | null; errors?: { message?: string; extensions?: { code?: unknown } }[] } | null;
  const first = body?.errors?.[0];
  if (first) throw new SubgraphCallError(`${String(first.extensions?.code ?? 'ERROR')}: ${first.message ?? ''}`);
  if (!response.ok || !body?.data) throw new SubgraphCallError(`HTTP ${response.status}`);
  return body.data;
}
