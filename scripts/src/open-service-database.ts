import { createDatabase, databaseUrlVariable, migrateToLatest, type Database } from '@lbc/subgraph-kit';
import { mkdirSync } from 'node:fs';
import { pgliteDataDir } from './paths.ts';
import type { Service } from './services.ts';

/**
 * A service's database, migrated: PostgreSQL when <SERVICE>_DATABASE_URL is set
 * (e.g. CIVIL_AFFAIRS_DATABASE_URL), otherwise an embedded PGlite directory under .data/.
 */
export async function openServiceDatabase(service: Service, env: NodeJS.ProcessEnv = process.env): Promise<Database<any>> {
  const url = env[databaseUrlVariable(service.name)];
  const dataDir = pgliteDataDir(service.name);
  if (!url) mkdirSync(dataDir, { recursive: true });
  const database = await createDatabase<any>(url ? { url } : { dataDir });
  await migrateToLatest(database.db, service.definition.migrations);
  return database;
}
