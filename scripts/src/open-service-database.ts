import { createDatabase, databaseUrlVariable, migrateToLatest, type Database } from '@lbc/subgraph-kit';
import { mkdirSync } from 'node:fs';
import { pgliteDataDir } from './paths.ts';
import type { Service } from './services.ts';

/**
 * A service's database, migrated: PostgreSQL when <SERVICE>_DATABASE_URL is set
 * (e.g. CIVIL_AFFAIRS_DATABASE_URL), otherwise an embedded PGlite directory under .data/.
 * `maintenance`: no statement timeout.
 */
export async function openServiceDatabase(service: Service, env: NodeJS.ProcessEnv = process.env, options: { maintenance?: boolean } = {}): Promise<Database<any>> {
  const url = env[databaseUrlVariable(service.name)];
  const dataDir = pgliteDataDir(service.name);
  if (!url) mkdirSync(dataDir, { recursive: true });
  const timeout = env.LBC_STATEMENT_TIMEOUT_MS ? Number(env.LBC_STATEMENT_TIMEOUT_MS) : undefined;
  if (timeout !== undefined && !(timeout > 0)) throw new Error('LBC_STATEMENT_TIMEOUT_MS must be a positive number of milliseconds');
  // A maintenance tool (the seed, the rollup rebuild) runs statements over whole tables: a
  // service's request timeout would cut them off, so they run without one.
  const database = await createDatabase<any>(url ? { url, statementTimeoutMs: options.maintenance ? 0 : timeout } : { dataDir });
  await migrateToLatest(database.db, service.definition.migrations);
  return database;
}
