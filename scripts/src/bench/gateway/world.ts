import { databaseUrlVariable } from '@lbc/subgraph-kit';
import pg from 'pg';
import { DEFAULT_SEED } from '../../seed/seed-cli-options.ts';
import { SERVICES } from '../../services.ts';
import type { BenchProcesses } from './bench-processes.ts';

export const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432';
const PREFIX = 'lbc_bench';
/** The hub's own database (the audit log): new each run, since an old log's anchor would call a fresh one cut short. */
export const HUB_DATABASE = `${PREFIX}_hub`;

/** The seeded world the bench runs on: one database per service, and the environment that points a process at them. */
export interface BenchWorld {
  /** Every database the bench's processes use, the hub's included: whose PostgreSQL backends are measured. */
  databases: string[];
  /** <SERVICE>_DATABASE_URL for every service, and HUB_DATABASE_URL. */
  env: NodeJS.ProcessEnv;
}

function databaseName(service: string): string {
  return `${PREFIX}_${service.replace(/-/g, '_')}`;
}

/**
 * What a finished seed leaves on each database as its comment. Written only after the seed
 * succeeded, and cleared before one starts, so a seed cut short is never taken for a world.
 */
function worldMark(children: number): string {
  return `lbc-bench world: ${children} children, seed ${DEFAULT_SEED}`;
}

/**
 * Makes sure databases lbc_bench_<service> hold a world of `children` children: created
 * when absent, reused when their marks name that many children (and the registry is not
 * empty), otherwise reseeded with `pnpm seed --reset` (which analyses what it loaded).
 * Then creates a fresh hub database.
 */
export async function prepareWorld(children: number, processes: BenchProcesses): Promise<BenchWorld> {
  const admin = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  await admin.connect();
  try {
    const env: NodeJS.ProcessEnv = {};
    const names = SERVICES.map((service) => {
      const name = databaseName(service.name);
      env[databaseUrlVariable(service.name)] = `${POSTGRES_SERVER}/${name}`;
      return name;
    });
    const { rows } = await admin.query<{ datname: string; mark: string | null }>('select datname, shobj_description(oid, $2) as mark from pg_database where datname = any($1)', [names, 'pg_database']);
    const marks = new Map(rows.map((r) => [r.datname, r.mark]));
    for (const name of names) if (!marks.has(name)) await admin.query(`create database ${name}`);
    const marked = names.every((name) => marks.get(name) === worldMark(children));
    // The mark names the world; the registry must still hold it (a manual `pnpm seed --reset` keeps the comment).
    // Its count is not `children` exactly: a few generated children are known to other agencies only.
    if (marked && (await childCount(databaseName('civil-affairs'))) > 0) {
      console.log(`world: reusing ${children.toLocaleString('en')} children in ${PREFIX}_*`);
    } else {
      console.log(`world: seeding ${children.toLocaleString('en')} children into ${PREFIX}_* (pnpm seed --reset)`);
      for (const name of names) await admin.query(`comment on database ${name} is null`);
      await processes.runToEnd('seed', process.execPath, ['--import', 'tsx', 'scripts/src/seed/main.ts', '--children', String(children), '--seed', String(DEFAULT_SEED), '--reset'], env);
      for (const name of names) await admin.query(`comment on database ${name} is '${worldMark(children)}'`);
    }
    await admin.query(`drop database if exists ${HUB_DATABASE} with (force)`);
    await admin.query(`create database ${HUB_DATABASE}`);
    env.HUB_DATABASE_URL = `${POSTGRES_SERVER}/${HUB_DATABASE}`;
    return { databases: [...names, HUB_DATABASE], env };
  } finally {
    await admin.end();
  }
}

/** Drops this run's hub database (the world's are kept for the next run). */
export async function dropHubDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${HUB_DATABASE} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Children in the civil-affairs registry; none when its tables do not exist yet. */
async function childCount(civilAffairsDatabase: string): Promise<number> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/${civilAffairsDatabase}` });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from child');
    return rows[0]!.n;
  } catch {
    return 0; // not migrated yet: no world
  } finally {
    await client.end();
  }
}
