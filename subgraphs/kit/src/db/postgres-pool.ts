import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { connectionErrorFields, DatabaseUnreachableError, SilentConnectionError } from './connection-errors.ts';
import { typeParsers } from './type-parsers.ts';

export interface PostgresPoolOptions {
  url: string;
  maxConnections: number;
  /** Server-side limit per statement; 0 for none. */
  statementTimeoutMs: number;
  /** How long a statement may wait for a connection, new or pooled. */
  connectionTimeoutMs: number;
  logger: Logger;
}

/** How busy the pool of a PostgreSQL database is, for metrics. */
export interface PoolStats {
  /** Connections open, idle or in use. */
  total: number;
  idle: number;
  /** Statements waiting for a connection. */
  waiting: number;
}

/** Beyond the statement timeout, the time a healthy server needs to say it cancelled the statement. */
const CANCEL_GRACE_MS = 5_000;

/**
 * A pg pool for Kysely, made to survive its server. PostgreSQL ends backends on a
 * restart, a failover or pg_terminate_backend, and `pg` reports that as an 'error' event —
 * on the pool for an idle connection, on the client for one checked out. An 'error' event
 * nobody listens to ends the Node process, so both get a listener; the pool then drops the
 * dead connection (idle: at once; checked out: when released, being unqueryable) and opens
 * a new one on demand. The statement that was running fails, recognisably
 * (`isConnectionError`), and so does a failure to get a connection at all.
 */
export function createPostgresPool(options: PostgresPoolOptions): { pool: PostgresPool; stats(): PoolStats } {
  const log = options.logger.child({ database: databaseName(options.url) });
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    statement_timeout: options.statementTimeoutMs,
    // A server or network gone silent answers nothing, not even the statement timeout:
    // give up on the statement a little after the server would have cancelled it.
    ...(options.statementTimeoutMs > 0 ? { query_timeout: options.statementTimeoutMs + CANCEL_GRACE_MS } : {}),
    connectionTimeoutMillis: options.connectionTimeoutMs,
    // Every statement of a subgraph is an index lookup or a short range. Where the planner
    // cannot estimate a range built from another row (a region's towns by code), it
    // overprices the statement and compiles it (JIT), which costs tens of milliseconds
    // more than running it: measured on the quarterly reporting, 52 → 14 ms.
    options: '-c jit=off',
    // Idle connections are closed after a while: fewer backends to lose, and a pool that
    // grew under a burst shrinks back.
    idleTimeoutMillis: 30_000,
    // A peer that vanished without closing the socket (a host down, a network cut) is
    // eventually noticed on an idle connection too.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: { getTypeParser: (oid: number, format?: string) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text') },
  });
  // Every client gets a listener when it connects, so one checked out (in a transaction,
  // between statements) cannot end the process either. It is the one that logs, once per
  // connection: an idle client's error reaches both listeners, and a terminated backend
  // is reported twice by `pg` (the server's notice, then the socket's end).
  pool.on('connect', (client) => {
    let reported = false;
    client.on('error', (error) => {
      if (reported) return;
      reported = true;
      log.warn(connectionErrorFields(error), 'database connection lost; the pool will open a new one');
    });
  });
  pool.on('error', () => {
    // Logged by the client's own listener above; this one only keeps the process alive.
  });
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    pool: {
      connect: async () => {
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (error) {
          // Marked as such whatever the server's words: 55000 "not currently accepting
          // connections" is also a statement-level SQLSTATE.
          throw new DatabaseUnreachableError(error);
        }
        let facade = clients.get(client);
        if (!facade) {
          facade = discardingWhenSilent(client, log);
          clients.set(client, facade);
        }
        return facade;
      },
      end: () => pool.end(),
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * The client as Kysely uses it. A statement with no answer within the read timeout left
 * its connection mid-conversation: what follows on it (Kysely's ROLLBACK) fails at once
 * instead of queueing behind the lost statement, and on release the connection is
 * destroyed instead of being handed to the next caller.
 */
function discardingWhenSilent(client: pg.PoolClient, log: Logger): PostgresPoolClient {
  let silent = false;
  const query = (text: string, parameters: readonly unknown[]) => {
    if (silent) return Promise.reject(new SilentConnectionError());
    return client.query(text, [...parameters]).catch((error: unknown) => {
      if ((error as Error | undefined)?.message === 'Query read timeout') {
        silent = true;
        log.warn('database connection went silent: a statement got no answer; the connection is dropped');
        throw new SilentConnectionError(error);
      }
      throw error;
    });
  };
  return {
    // Kysely calls only the (sql, parameters) form: no cursor is configured.
    query: query as unknown as PostgresPoolClient['query'],
    release: () => client.release(silent ? new SilentConnectionError() : undefined),
  };
}

/** The database's name from its URL, for log lines: never the credentials in it. */
function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || '(default)';
  } catch {
    return '(unparsable url)';
  }
}
