/**
 * pnpm bench:regions [--databases lbc_scale] [--province 43] [--city 4310] [--county 431003]
 *                    [--town 431003101] [--requests 200] [--warmup 20] [--port-base 4300]
 *
 * A region's full overview (schema/examples/region-overview.graphql: the counts of all four
 * agencies and the places one level down) through the gateway, as a dashboard asks for it,
 * on an already seeded world in PostgreSQL: databases `<databases>_<service>` at
 * 127.0.0.1:5432 (seed them first, see the README's "Scale" section). Starts the hub as
 * `pnpm start` does (its own processes, the exchange off so nothing else runs), with a
 * fresh hub database for the audit log, then asks each region `--requests` times one
 * after another (after `--warmup` unmeasured requests) as a province civil-affairs officer
 * under SUPERVISION, and prints p50/p95/p99 and the slowest. Every answer is checked: all
 * four agencies answered and no error came back.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE, ensureDevKeys, readJwk } from '../keys/dev-keys.ts';
import { mintToken } from '../keys/mint-token.ts';
import { ROOT } from '../paths.ts';
import { SERVICES } from '../services.ts';
import { percentile } from './percentile.ts';

const { values } = parseArgs({
  options: {
    databases: { type: 'string', default: 'lbc_scale' },
    province: { type: 'string', default: '43' },
    city: { type: 'string', default: '4310' },
    county: { type: 'string', default: '431003' },
    town: { type: 'string', default: '431003101' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'port-base': { type: 'string', default: '4300' },
  },
});
const SERVER = 'postgres://postgres@127.0.0.1:5432';
const prefix = values.databases!;
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const base = Number(values['port-base']);
if (!/^[a-z_][a-z0-9_]*$/.test(prefix) || !(requests > 0) || !(warmup >= 0) || !(base > 0)) {
  console.error('--databases must be a lower-case identifier; --requests, --warmup and --port-base numbers');
  process.exit(2);
}

const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
await admin.connect();
const env: NodeJS.ProcessEnv = { ...process.env, LBC_PORT_BASE: String(base), LBC_EXCHANGE: 'off', LBC_RATE_LIMIT_PER_MINUTE: '1000000', LBC_RATE_LIMIT_BURST: '100000' };
for (const service of SERVICES) {
  const name = `${prefix}_${service.name.replace(/-/g, '_')}`;
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) {
    console.error(`database ${name} does not exist: seed the world first (README, "Scale")`);
    process.exit(2);
  }
  env[`${service.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] = `${SERVER}/${name}`;
}
// A new audit log each run: an old anchor would rightly call a fresh log cut short.
const hubName = `${prefix}_bench_hub`;
await admin.query(`drop database if exists ${hubName} with (force)`);
await admin.query(`create database ${hubName}`);
await admin.end();
const anchorDir = mkdtempSync(join(tmpdir(), 'lbc-bench-regions-'));
env.HUB_DATABASE_URL = `${SERVER}/${hubName}`;
env.LBC_AUDIT_ANCHOR_FILE = join(anchorDir, 'audit-anchor.jsonl');

const hub = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
const log: string[] = [];
await new Promise<void>((resolve, reject) => {
  createInterface({ input: hub.stdout! }).on('line', (line) => {
    log.push(line);
    if (line === 'hub ready') resolve();
  });
  hub.once('exit', (code) => reject(new Error(`the hub exited (${code}) before it was ready:\n${log.slice(-20).join('\n')}`)));
});

try {
  await ensureDevKeys();
  const token = await mintToken(readJwk(DEV_KEY_FILES.issuerPrivate), {
    subject: 'bench-regions',
    issuer: DEV_ISSUER,
    audience: HUB_AUDIENCE,
    agency: 'civil_affairs',
    level: 'province',
    region: values.province!,
    roles: [],
  });
  const query = readFileSync(join(ROOT, 'schema/examples/region-overview.graphql'), 'utf8');
  const url = `http://127.0.0.1:${base}/graphql`;
  const ask = async (code: string): Promise<number> => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'SUPERVISION' },
      body: JSON.stringify({ query, variables: { code } }),
    });
    const body = (await res.json()) as { data?: { region?: Record<string, unknown> }; errors?: unknown[] };
    const elapsed = performance.now() - started;
    const region = body.data?.region;
    if (res.status !== 200 || body.errors?.length || !region?.registryStats || !region.schoolStats || !region.householdStats || !region.healthStats) {
      throw new Error(`region ${code}: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
    }
    return elapsed;
  };
  const regions = [
    ['province', values.province!],
    ['city', values.city!],
    ['county', values.county!],
    ['town', values.town!],
  ] as const;
  console.log(`region overview through the gateway, ${requests} requests each, one at a time (after ${warmup} unmeasured)`);
  console.log('level     code          first ms    p50 ms    p95 ms    p99 ms    max ms');
  for (const [level, code] of regions) {
    const first = await ask(code);
    for (let i = 0; i < warmup; i++) await ask(code);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await ask(code));
    times.sort((a, b) => a - b);
    const cell = (n: number) => n.toFixed(1).padStart(9);
    console.log(`${level.padEnd(9)} ${code.padEnd(12)} ${cell(first)} ${cell(percentile(times, 50))} ${cell(percentile(times, 95))} ${cell(percentile(times, 99))} ${cell(times.at(-1)!)}`);
  }
} finally {
  hub.kill('SIGINT');
  await once(hub, 'exit');
  rmSync(anchorDir, { recursive: true, force: true });
}
