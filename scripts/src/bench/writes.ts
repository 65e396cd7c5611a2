/**
 * pnpm bench:writes [--children 2000] [--seconds 15] [--concurrency 4,16] [--url postgres://…/postgres]
 *
 * What writing costs, end to end: the hub in this process on real PostgreSQL (four agency
 * databases and the hub database, fresh), the exchange running inside the gateway as in
 * `npm run up`. Writers call the gateway over HTTP as agency systems do — half register a
 * child (which publishes its residence to the three other agencies), half record a home
 * visit (no event) — each waiting for its answer before the next. Reports writes per
 * second and answer latency per concurrency level, and the exchange's lag under that load:
 * from an event's commit in the source's outbox to its commit in each subscriber's inbox
 * (both stamped by the same PostgreSQL server). Figures go in the README.
 */
import { hubMigrations, type HubDB } from '@lbc/audit/store';
import { startGateway } from '@lbc/gateway';
import { createInternalVerifier } from '@lbc/schema';
import { createDatabase, createLogger, migrateToLatest, startSubgraph, type Database } from '@lbc/subgraph-kit';
import { createLocalJWKSet } from 'jose';
import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { newSigningKey } from '../keys/dev-keys.ts';
import { mintToken } from '../keys/mint-token.ts';
import { seedWorld } from '../seed/seed-world.ts';
import { SERVICES } from '../services.ts';
import { percentile } from './percentile.ts';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '4,16' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const RUN = 'lbc_bench_writes';
const REGION = '431003';
const ISSUER = 'https://bench-idp.lbc-hub.local';
const log = createLogger('bench', { level: 'warn' });

const admin = new pg.Client({ connectionString: values.url });
await admin.connect();
const names = [...SERVICES.map((s) => `${RUN}_${s.name.replace(/-/g, '_')}`), `${RUN}_hub`];
for (const name of names) {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
}
const urlOf = (name: string) => Object.assign(new URL(values.url!), { pathname: `/${name}` }).toString();
const databases: Database<any>[] = [];
for (const [i, service] of SERVICES.entries()) {
  const database = await createDatabase({ url: urlOf(names[i]!), maxConnections: 10, logger: log });
  await migrateToLatest(database.db, service.definition.migrations);
  databases.push(database);
}
const hub = await createDatabase<HubDB>({ url: urlOf(`${RUN}_hub`), maxConnections: 10, logger: log });
await migrateToLatest(hub.db, hubMigrations);
process.stderr.write(`seeding ${values.children} children …\n`);
await seedWorld(
  SERVICES.map((service, i) => ({ service, db: databases[i]!.db })),
  { children: Number(values.children), scope: [REGION], seed: 11, batchSize: 500 },
);

const gatewayKey = await newSigningKey('bench-gateway');
const idpKey = await newSigningKey('bench-idp');
const subgraphs = await Promise.all(SERVICES.map((s, i) => startSubgraph(s.definition, { db: databases[i]!.db, verify: createInternalVerifier({ keys: [gatewayKey.publicJwk] }, s.name), log })));
const gateway = await startGateway(
  {
    supergraphSdl: readFileSync(fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url)), 'utf8'),
    subgraphUrls: Object.fromEntries(SERVICES.map((s, i) => [s.name, subgraphs[i]!.url])),
    audience: 'lbc-hub',
    issuers: [{ issuer: ISSUER, keys: createLocalJWKSet({ keys: [idpKey.publicJwk] }), algorithms: ['ES256'], agencies: ['civil_affairs'] }],
    signingKey: gatewayKey.privateJwk,
    subgraphTimeoutMs: 10_000,
    port: 0,
    host: '127.0.0.1',
    development: false,
    breakGlass: false,
    hub: { db: hub.db, checkpointIntervalMs: 60_000 },
    rateLimit: { perMinute: 1_000_000, burst: 100_000 },
    trustedDocuments: null,
    exchange: { intervalMs: 50, batchSize: 500 },
  },
  log,
);

const token = await mintToken(idpKey.privateJwk, {
  subject: 'bench',
  issuer: ISSUER,
  audience: 'lbc-hub',
  agency: 'civil_affairs',
  level: 'county',
  region: REGION,
  roles: ['officer'],
  expiresIn: '2h',
});
const { rows: targets } = await sql<{ id: string; village_code: string }>`select id, village_code from child order by id limit 500`.execute(databases[0]!.db);

const REGISTER = 'mutation R($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }';
const VISIT = 'mutation V($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { homeVisit { id } } }';

async function write(i: number): Promise<void> {
  const target = targets[i % targets.length]!;
  const [query, input] =
    i % 2 === 0
      ? [REGISTER, { name: '基准测试', sex: 'MALE', birthDate: '2017-01-01', residenceVillageCode: target.village_code, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2023-01-01' }]
      : [VISIT, { childId: target.id, visitedOn: '2026-11-01', concernRaised: false }];
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT' },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`write failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
}

const seconds = Number(values.seconds);
const rows: string[] = [];
let counter = 0;
for (const concurrency of values.concurrency!.split(',').map(Number)) {
  const since = new Date();
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        await write(counter++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  // Let the exchange drain what this level published, then measure each event's trip.
  await drained();
  const lags = (await lagsSince(since)).sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  rows.push(
    `| ${concurrency} | ${latencies.length} | ${(latencies.length / elapsed).toFixed(0)} | ${percentile(latencies, 50).toFixed(0)} | ${percentile(latencies, 95).toFixed(0)} | ${lags.length} | ${percentile(lags, 50).toFixed(0)} | ${percentile(lags, 95).toFixed(0)} |`,
  );
}

/** Waits until every subscriber's cursor for civil affairs is at its outbox head. */
async function drained(): Promise<void> {
  const { rows: head } = await sql<{ seq: string | null }>`select max(seq) as seq from outbox`.execute(databases[0]!.db);
  const target = Number(head[0]!.seq ?? 0);
  for (;;) {
    const { rows: cursors } = await sql<{ position: string }>`select position from exchange_cursor where source = 'civil-affairs'`.execute(hub.db);
    if (cursors.length === 3 && cursors.every((c) => Number(c.position) >= target)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Milliseconds from each event's commit in the civil-affairs outbox to its commit in each subscriber's inbox. */
async function lagsSince(since: Date): Promise<number[]> {
  const { rows: published } = await sql<{ event_id: string; created_at: Date }>`select event_id, created_at from outbox where created_at >= ${since}`.execute(databases[0]!.db);
  const at = new Map(published.map((e) => [e.event_id, new Date(e.created_at).getTime()]));
  const lags: number[] = [];
  for (const database of databases.slice(1)) {
    const { rows: applied } = await sql<{ event_id: string; applied_at: Date }>`select event_id, applied_at from inbox where event_id = any(${[...at.keys()]}::uuid[])`.execute(database.db);
    for (const row of applied) lags.push(new Date(row.applied_at).getTime() - at.get(row.event_id)!);
  }
  return lags;
}

await gateway.stop();
await Promise.all(subgraphs.map((s) => s.stop()));
await Promise.all([...databases, hub].map((d) => d.close()));
for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
await admin.end();

console.log(`\nWrites through the gateway (${values.children} children seeded, ${seconds} s per level; half registrations publishing to 3 agencies, half home visits):\n`);
console.log('| writers | writes | writes/s | answer p50 ms | answer p95 ms | deliveries | exchange lag p50 ms | exchange lag p95 ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
