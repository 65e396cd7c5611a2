import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { StatementCounter } from './statement-counter.ts';
import { typeParsers } from './type-parsers.ts';

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
}

export interface Database<DB> {
  db: Kysely<DB>;
  /** Which engine is underneath, for logs and the README's operations section. */
  engine: 'postgres' | 'pglite';
  statements: StatementCounter;
  /** Present for PGlite only: used to snapshot a migrated database for tests. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** Opens a database: real PostgreSQL when a URL is given, embedded PGlite otherwise. */
export async function createDatabase<DB>(options: DatabaseOptions = {}): Promise<Database<DB>> {
  const statements = new StatementCounter();
  let dialect: Dialect;
  let pglite: PGlite | undefined;
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      types: { getTypeParser: (oid: number, format?: string) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text') },
    });
    dialect = new PostgresDialect({ pool });
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
    close: async () => {
      await db.destroy();
      if (pglite && !pglite.closed) await pglite.close();
    },
  };
}
