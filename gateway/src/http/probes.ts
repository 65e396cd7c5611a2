import { CHECK_TIMEOUT_MS, type ReadinessCheck } from '@lbc/subgraph-kit';

/** A subgraph answers its own /readyz (its database included) — reached at the origin of its GraphQL URL. */
export function subgraphCheck(graphqlUrl: string): ReadinessCheck {
  const readyz = new URL('/readyz', graphqlUrl).toString();
  return async () => {
    const response = await fetch(readyz, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? { ok: true } : { ok: false, reason: `not ready (HTTP ${response.status})` };
  };
}
