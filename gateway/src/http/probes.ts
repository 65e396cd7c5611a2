import { sql, type Kysely } from 'kysely';

/** One dependency's state, as /readyz reports it. */
export type CheckResult = { ok: true } | { ok: false; reason: string };

/** A named readiness check; it must answer within its own time bound. */
export type ReadinessCheck = () => Promise<CheckResult>;

/** How long /readyz waits for any one dependency: a probe must answer faster than its orchestrator's timeout. */
const CHECK_TIMEOUT_MS = 2_000;

/** Runs the checks side by side, each bounded in time; ready when all are ok. */
export async function runReadiness(checks: Record<string, ReadinessCheck>): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
      });
      try {
        return [name, await Promise.race([check().catch((error: unknown): CheckResult => ({ ok: false, reason: describe(error) })), timeout])];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}

/** The database answers a trivial statement. */
export function databaseCheck(db: Kysely<unknown>): ReadinessCheck {
  return async () => {
    await sql`select 1`.execute(db);
    return { ok: true };
  };
}

/** A subgraph answers its own /readyz (its database included) — reached at the origin of its GraphQL URL. */
export function subgraphCheck(graphqlUrl: string): ReadinessCheck {
  const readyz = new URL('/readyz', graphqlUrl).toString();
  return async () => {
    const response = await fetch(readyz, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? { ok: true } : { ok: false, reason: `not ready (HTTP ${response.status})` };
  };
}

/** An error as a probe reports it: the kind of failure, no addresses or SQL. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return `unreachable (${code})`;
  return error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : 'unreachable';
}
