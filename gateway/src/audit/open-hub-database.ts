import { hubMigrations, type HubDB } from '@lbc/audit/store';
import { createDatabase, migrateToLatest, type Database } from '@lbc/subgraph-kit';
import { createHash } from 'node:crypto';
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

/**
 * Where the gateway keeps its audit anchor unless LBC_AUDIT_ANCHOR_FILE says otherwise:
 * one file per hub database (named for a hash of its URL, or the embedded one), so a
 * development machine that points the hub at another database does not take the other
 * one's anchor for a log cut short.
 */
export function defaultAnchorFile(env: NodeJS.ProcessEnv, dataDir: string): string {
  const url = env[HUB_DATABASE_URL_VARIABLE];
  return `${dataDir}/audit-anchor-${url ? createHash('sha256').update(url).digest('hex').slice(0, 12) : 'pglite'}.jsonl`;
}
