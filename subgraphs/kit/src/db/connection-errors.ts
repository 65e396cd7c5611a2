/**
 * SQLSTATEs that say the connection (or the server behind it) failed, not the statement:
 * 57P01 admin_shutdown (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up or shutting down), 57P04 database_dropped, 53300
 * too_many_connections. Class 08 (connection exception) is matched as a class.
 */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P04', '53300']);

/** Socket-level failures: the server is down, unreachable, or went away mid-conversation. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Messages of `pg` and `pg-pool` for a lost or unobtainable connection, which carry no
 * code: "Connection terminated (unexpectedly | due to connection timeout)", the pool's
 * connect timeout, and a statement sent on a client that already lost its connection.
 */
const CONNECTION_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /is not queryable$/, /^Query read timeout$/];

/**
 * A connection could not be obtained from the pool: the server refused or did not answer,
 * or the database does not accept connections (being restarted, `allow_connections`
 * false). Whatever the server said, nothing was executed. The original error is the cause.
 */
export class DatabaseUnreachableError extends Error {
  /** The underlying code (SQLSTATE or socket error), for logs and metrics. */
  readonly code: string | undefined;

  constructor(cause: unknown) {
    super(`could not obtain a database connection: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnreachableError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/**
 * A statement got no answer within the read timeout, nor the server's own statement
 * timeout: the server or the network went silent. Its connection is not used again.
 */
export class SilentConnectionError extends Error {
  constructor(cause?: unknown) {
    super('the database did not answer in time; the connection is dropped', cause === undefined ? undefined : { cause });
    this.name = 'SilentConnectionError';
  }
}

/**
 * Whether an error means the database was lost or unreachable, rather than that the
 * statement itself was wrong: such a request is answered DATABASE_UNAVAILABLE (retry
 * later) instead of as a fault of the hub. Follows `cause` chains and the attempts inside
 * an AggregateError (Node's connect to several addresses of one host).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (error instanceof DatabaseUnreachableError || error instanceof SilentConnectionError) return true;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (CONNECTION_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || NETWORK_CODES.has(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}

/**
 * What a log line keeps of a connection error: its code and the driver's or the server's
 * words, without a stack — the cause lies outside the program, and a lost connection
 * under a restart is one line, not thirty.
 */
export function connectionErrorFields(error: unknown): { code?: string; reason: string } {
  let code: string | undefined;
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5 && !code; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = (e as { code?: unknown }).code;
    if (typeof candidate === 'string') code = candidate;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ...(code ? { code } : {}), reason: message || code || 'connection error' };
}
