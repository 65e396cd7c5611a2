import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { createLogger, type Logger } from '../log/logger.ts';
import { createPostgresPool, type PoolStats } from './postgres-pool.ts';
import { StatementCounter } from './statement-counter.ts';
import { typeParsers } from './type-parsers.ts';

// Exported with the database so every user of the kit can tell a lost database from a bug.
export { connectionErrorFields, DatabaseUnreachableError, isConnectionError, SilentConnectionError } from './connection-errors.ts';
export type { PoolStats } from './postgres-pool.ts';

export interface DatabaseOptions {
  /** A postgres:// URL: real PostgreSQL through `pg`. Wins over everything else. */
  url?: string | undefined;
  /** A directory for an embedded PGlite database; omitted means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data dump (from `dumpDataDir`) to start from: fast test databases. */
  loadDataDir?: Blob | undefined;
  /** Pool size for real PostgreSQL. */
  maxConnections?: number | undefined;
  /**
   * Server-side limit per statement on real PostgreSQL (default 10 s, the gateway's
   * default wait): once the gateway has given up, the query should stop costing the
   * agency's database too.
   */
  statementTimeoutMs?: number | undefined;
  /**
   * How long a statement may wait for a connection, new or pooled (default 5 s): with the
   * server gone or the pool exhausted a request fails with DATABASE_UNAVAILABLE instead of
   * waiting forever.
   */
  connectionTimeoutMs?: number | undefined;
  /** Where lost connections are reported (default: a logger of its own, service "database"). */
  logger?: Logger | undefined;
}

export interface Database<DB> {
  db: Kysely<DB>;
  /** Which engine is underneath, for logs and the README's operations section. */
  engine: 'postgres' | 'pglite';
  statements: StatementCounter;
  /** Present for PGlite only: used to snapshot a migrated database for tests. */
  pglite?: PGlite;
  /** Present for PostgreSQL only: the pool's current use, for metrics. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

/** Opens a database: real PostgreSQL when a URL is given, embedded PGlite otherwise. */
export async function createDatabase<DB>(options: DatabaseOptions = {}): Promise<Database<DB>> {
  const statements = new StatementCounter();
  let dialect: Dialect;
  let pglite: PGlite | undefined;
  let poolStats: (() => PoolStats) | undefined;
  if (options.url) {
    const postgres = createPostgresPool({
      url: options.url,
      maxConnections: options.maxConnections ?? 10,
      statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
      connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
      logger: options.logger ?? createLogger('database'),
    });
    dialect = new PostgresDialect({ pool: postgres.pool });
    poolStats = postgres.stats;
  } else {
    pglite = await PGlite.create(options.dataDir ?? 'memory://', {
      parsers: typeParsers,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    dialect = new PGliteDialect(pglite);
  }
  const db = new Kysely<DB>({
    dialect,
    log: (event) => {
      if (event.level === 'query' || event.level === 'error') statements.record();
    },
  });
  return {
    db,
    engine: options.url ? 'postgres' : 'pglite',
    statements,
    ...(pglite ? { pglite } : {}),
    ...(poolStats ? { poolStats } : {}),
    close: async () => {
      await db.destroy();
      if (pglite && !pglite.closed) await pglite.close();
    },
  };
}
