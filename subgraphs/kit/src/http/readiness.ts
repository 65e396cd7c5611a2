import { sql, type Kysely } from 'kysely';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.ts';
import { sendJson } from './send-json.ts';

/** One dependency's state, as /readyz reports it. */
export type CheckResult = { ok: true } | { ok: false; reason: string };

/** A named readiness check; it must answer within its own time bound. */
export type ReadinessCheck = () => Promise<CheckResult>;

/** How long /readyz waits for any one dependency: a probe must answer faster than its orchestrator's timeout. */
export const CHECK_TIMEOUT_MS = 2_000;

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

/** An error as a probe reports it: the kind of failure, no addresses or SQL. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return `unreachable (${code})`;
  return error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : 'unreachable';
}

/**
 * The probes every service of the hub serves, without a token and without an audit entry
 * (they read nobody's data): GET /healthz, the process is up; GET /readyz, every check
 * answers in time (503 naming what is not ready). Answers true when it served the request.
 */
export async function serveProbes(req: IncomingMessage, res: ServerResponse, checks: Record<string, ReadinessCheck>, log: Logger): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return true;
  }
  if (path !== '/readyz') return false;
  const { ready, checks: results } = await runReadiness(checks);
  if (!ready) log.warn({ checks: results }, 'not ready');
  sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results });
  return true;
}
