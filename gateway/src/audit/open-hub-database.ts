import { hubMigrations, type HubDB } from '@lbc/audit/store';
import { createDatabase, migrateToLatest, type Database } from '@lbc/subgraph-kit';
import { mkdirSync } from 'node:fs';

/** Environment variable naming the hub database (the audit log) on PostgreSQL. */
export const HUB_DATABASE_URL_VARIABLE = 'HUB_DATABASE_URL';

/**
 * The hub database, migrated: PostgreSQL when HUB_DATABASE_URL is set, otherwise an
 * embedded PGlite directory (development). It belongs to the hub, not to any agency: the
 * gateway writes the audit log there and serves the audit subgraph over it.
 */
export async function openHubDatabase(env: NodeJS.ProcessEnv, pgliteDir: string): Promise<Database<HubDB>> {
  const url = env[HUB_DATABASE_URL_VARIABLE];
  if (!url) mkdirSync(pgliteDir, { recursive: true });
  const database = await createDatabase<HubDB>(url ? { url } : { dataDir: pgliteDir });
  await migrateToLatest(database.db, hubMigrations);
  return database;
}
