import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '../db/create-database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ROLLUP_MACHINERY_DDL, rollupRefreshDdl } from '../rollups/rollup-ddl.ts';
import type { SubgraphDefinition } from '../server/subgraph-definition.ts';

/**
 * Set to a server URL (postgres://postgres@127.0.0.1:5432/postgres) to run the suite on
 * real PostgreSQL; unset, tests use embedded PGlite. Either way each test database is
 * fresh and migrated.
 */
export const TEST_POSTGRES_URL_VARIABLE = 'LBC_TEST_POSTGRES_URL';

const snapshots = new Map<string, Promise<Blob>>();
const SNAPSHOT_DIR = join(tmpdir(), 'lbc-hub-pglite-snapshots');
/** Where PGlite and Kysely are installed: pnpm's store paths name their versions, so an upgrade makes new snapshots. */
const ENGINE_VERSION = ['@electric-sql/pglite', 'kysely'].map((p) => realpathSync(createRequire(import.meta.url).resolve(p))).join('\n');
let sequence = 0;

/** A fresh, migrated database for one subgraph; `close()` disposes of it (drops it on PostgreSQL). */
export async function createTestDatabase<DB>(definition: Pick<SubgraphDefinition<DB, unknown>, 'name' | 'migrations'>): Promise<Database<DB>> {
  const serverUrl = process.env[TEST_POSTGRES_URL_VARIABLE];
  return serverUrl ? createPostgresTestDatabase(definition, serverUrl) : createPgliteTestDatabase(definition);
}

async function createPgliteTestDatabase<DB>(definition: Pick<SubgraphDefinition<DB, unknown>, 'name' | 'migrations'>): Promise<Database<DB>> {
  // Migrating costs seconds in WASM; do it once per service and start every test database from the dump.
  let snapshot = snapshots.get(definition.name);
  if (!snapshot) {
    snapshot = migratedSnapshot(definition);
    snapshots.set(definition.name, snapshot);
  }
  return createDatabase<DB>({ loadDataDir: await snapshot });
}

/**
 * A dump of a freshly migrated database. Test files run in separate workers, so the dump is
 * also kept on disk, keyed by the migrations' source: a changed migration makes a new key,
 * never a stale database.
 */
async function migratedSnapshot(definition: Pick<SubgraphDefinition<unknown, unknown>, 'name' | 'migrations'>): Promise<Blob> {
  // Migrations build some DDL from constants outside their own text (the kit's rollup
  // machinery): those count in the key too.
  const source = [...Object.entries(definition.migrations).map(([name, m]) => `${name}\n${m.up.toString()}\n${m.down?.toString() ?? ''}`), ...ROLLUP_MACHINERY_DDL, rollupRefreshDdl.toString()];
  const key = createHash('sha256').update(ENGINE_VERSION).update(source.join('\n')).digest('hex').slice(0, 16);
  const file = join(SNAPSHOT_DIR, `${definition.name}-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const template = await createDatabase();
  await migrateToLatest(template.db, definition.migrations);
  const dump = await template.pglite!.dumpDataDir('none');
  await template.close();
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  // Written aside and renamed: a parallel worker never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

async function createPostgresTestDatabase<DB>(definition: Pick<SubgraphDefinition<DB, unknown>, 'name' | 'migrations'>, serverUrl: string): Promise<Database<DB>> {
  const name = `lbc_test_${definition.name.replace(/-/g, '_')}_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase<DB>({ url: url.toString(), maxConnections: 4 });
  await migrateToLatest(database.db, definition.migrations);
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropWhenReleased(serverUrl, name);
    },
  };
}

/**
 * pg-pool's end() can resolve before its sockets are gone. DROP ... WITH (FORCE) would
 * then kill live connections, and their FATAL 57P01 surfaces as an unhandled error after
 * the tests passed. So wait (bounded) for the connections to go, and force only at last.
 */
async function dropWhenReleased(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(serverUrl, `drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
