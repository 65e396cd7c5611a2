import type { HubDB } from '@lbc/audit/store';
import { HUB_DATABASE_URL_VARIABLE, openHubDatabase } from '@lbc/gateway/audit';
import type { Database } from '@lbc/subgraph-kit';
import { existsSync } from 'node:fs';
import { pgliteDataDir } from '../paths.ts';

/**
 * The hub database for the audit tools: HUB_DATABASE_URL, or a PGlite directory
 * (LBC_HUB_DATA_DIR, default the development hub's). PGlite is one process's: stop the
 * hub before using its directory from here.
 */
export async function openHubForTools(env: NodeJS.ProcessEnv = process.env): Promise<Database<HubDB>> {
  // LBC_HUB_DATA_DIR: another PGlite directory (a restored backup, a test's).
  const dir = env.LBC_HUB_DATA_DIR ?? pgliteDataDir('hub');
  if (!env[HUB_DATABASE_URL_VARIABLE] && !existsSync(dir)) throw new Error(`no hub database: set ${HUB_DATABASE_URL_VARIABLE}, or start the hub once (pnpm start) to create ${dir}`);
  return openHubDatabase(env, dir);
}
