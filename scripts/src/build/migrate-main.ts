/**
 * node dist/migrate.js [--grant ROLE ...] [--regions all|CODE,CODE] [SERVICE ...]
 *
 * The migration step of a deployment (a Kubernetes Job, a compose service that runs once):
 * brings each named database to the latest migration, connected as its owner, before the
 * services start. SERVICE is an agency subgraph, `handoffs` or `hub`; default: every one
 * whose database URL is set (<SERVICE>_DATABASE_URL, HUB_DATABASE_URL). PostgreSQL only.
 *
 * --grant ROLE       then let the service's runtime login role ROLE use what was migrated,
 *                    and nothing more (see runtime-grants.ts); ROLE must exist; repeatable
 *                    (the hub's gateways and exchange log in as roles of their own)
 * --regions SCOPE    then load the national division table into civil affairs' regions
 *                    (`all`: 620,573 villages; or villages under the given codes); idempotent
 *
 * Exit 0 when every database is current; 1 naming the first that is not.
 */
import { HUB_DATABASE_URL_VARIABLE, openHubDatabase } from '@lbc/gateway/audit';
import { loadRegions } from '@lbc/civil-affairs/regions';
import { databaseUrlVariable, type Database } from '@lbc/subgraph-kit';
import { parseArgs } from 'node:util';
import { openServiceDatabase } from '../open-service-database.ts';
import { SERVICES, serviceNamed } from '../services.ts';
import { agencyRuntimeGrants, applyGrants, hubRuntimeGrants } from './runtime-grants.ts';

const USAGE = `usage: node dist/migrate.js [--grant ROLE ...] [--regions all|CODE,CODE] [${[...SERVICES.map((s) => s.name), 'hub'].join('|')} ...]`;
const HUB = 'hub';

function urlVariable(name: string): string {
  return name === HUB ? HUB_DATABASE_URL_VARIABLE : databaseUrlVariable(serviceNamed(name).name);
}

let targets: string[];
let grants: string[] = [];
let regions: string[] | 'all' | undefined;
try {
  const { values, positionals } = parseArgs({ options: { grant: { type: 'string', multiple: true }, regions: { type: 'string' } }, allowPositionals: true });
  const known = [...SERVICES.map((s) => s.name), HUB];
  for (const name of positionals) if (!known.includes(name)) throw new Error(`unknown database "${name}"`);
  targets = positionals.length ? positionals : known.filter((name) => process.env[urlVariable(name)]);
  if (!targets.length) throw new Error(`no database to migrate: set ${known.map(urlVariable).join(', ')} or name one`);
  for (const name of targets) {
    const url = process.env[urlVariable(name)];
    if (!url?.startsWith('postgres://') && !url?.startsWith('postgresql://')) throw new Error(`${urlVariable(name)} must be a postgres:// URL (the owner's)`);
  }
  grants = values.grant ?? [];
  if (values.regions !== undefined) {
    if (!targets.includes('civil-affairs')) throw new Error('--regions loads into civil-affairs: migrate it too');
    regions = values.regions === 'all' ? 'all' : values.regions.split(',').map((code) => code.trim());
  }
} catch (error) {
  console.error(`migrate: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

for (const name of targets) {
  try {
    const database: Database<any> = name === HUB ? await openHubDatabase(process.env, '') : await openServiceDatabase(serviceNamed(name), process.env, { maintenance: true });
    try {
      for (const role of grants) await applyGrants(database.db, name === HUB ? hubRuntimeGrants(role) : agencyRuntimeGrants(role));
      if (name === 'civil-affairs' && regions) {
        const loaded = await loadRegions(database.db, regions === 'all' ? {} : { villagesUnder: regions });
        console.log(`civil-affairs: ${loaded.toLocaleString()} regions in the division table`);
      }
    } finally {
      await database.close();
    }
    console.log(`${name}: migrated${grants.length ? `; granted to ${grants.join(', ')}` : ''}`);
  } catch (error) {
    console.error(`${name}: migration failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
