import { subgraphUrlVariable } from '@lbc/gateway/config';
import { mintToken } from '@lbc/scripts/keys/mint-token';
import { SERVICES } from '@lbc/scripts/services';
import { createInternalSigner, EXCHANGE_PRINCIPAL, type Agency } from '@lbc/schema';
import { createDatabase, databaseUrlVariable, type Database } from '@lbc/subgraph-kit';
import { APPLY_EVENTS, deliveredEvent } from '@lbc/subgraph-kit/testing';
import { sql } from 'kysely';
import type { JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHubKeyFiles } from './harness/hub-key-files.ts';
import { runScript, spawnService, type SpawnedService } from './harness/spawn-service.ts';

/**
 * The exchange as production runs it: its own process (`pnpm exchange`) beside the gateway
 * and the four agency services, all real processes over real PostgreSQL. Agencies go down
 * and come back, the exchange is killed mid-batch and restarted, two exchanges run at
 * once: every event reaches every subscriber, and each is applied once.
 */
const SERVER_URL = process.env.LBC_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `lbc_exchange_${process.pid}_${Date.now().toString(36)}`;
const AGENCY_DATABASES = SERVICES.map((service) => ({ service, name: `${RUN}_${service.name.replace(/-/g, '_')}` }));
const HUB_DATABASE = `${RUN}_hub`;
const ISSUER = 'https://exchange-idp.lbc-hub.local';
const REGION = '431003';
/** Another county, in another province: where a pupil is transferred to. */
const AWAY = '210421';
const SUBSCRIBERS = ['education-enrollment', 'police-household', 'health'] as const;
const COMMON = { NODE_ENV: '', LOG_LEVEL: 'info', APOLLO_TELEMETRY_DISABLED: '1' };

let admin: Database<any>;
let hub: Database<any>;
const agencies: Record<string, Database<any>> = {};
let keysDir: string;
let exchangeEnv: NodeJS.ProcessEnv;
let subgraphEnv: NodeJS.ProcessEnv;
let token: string;
let idpKey: JWK;
let gatewayKey: JWK;
let gateway: SpawnedService;
const services: Record<string, SpawnedService> = {};
const exchanges: SpawnedService[] = [];
const created: string[] = [];

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}\n${[...exchanges].map((e) => e.tail(15)).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function placesIn(subgraph: string, ids: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ child_id: string; residence_code: string }>`select child_id, residence_code from child_place where child_id = any(${ids})`.execute(agencies[subgraph]!.db);
  return new Map(rows.map((r) => [r.child_id, r.residence_code]));
}

async function cursors(source: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ subscriber: string; position: string }>`select subscriber, position from exchange_cursor where source = ${source}`.execute(hub.db);
  return Object.fromEntries(rows.map((r) => [r.subscriber, Number(r.position)]));
}

async function outboxHead(): Promise<number> {
  const { rows } = await sql<{ head: string | null }>`select max(seq) as head from outbox`.execute(agencies['civil-affairs']!.db);
  return Number(rows[0]!.head ?? 0);
}

/** A burst of residence events in civil affairs' outbox, as a busy day of writes leaves them (written directly: the exchange is what is tested). */
async function burst(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `LBT${String(Date.now() % 1e6).padStart(6, '0')}${String(i).padStart(4, '0')}`);
  await sql`insert into outbox (event_id, child_id, kind, payload)
    select gen_random_uuid(), id, 'place.residence', jsonb_build_object('residenceCode', '431003101001') from unnest(${ids}::text[]) as id`.execute(agencies['civil-affairs']!.db);
  return ids;
}

function startExchange(label: string, extra: NodeJS.ProcessEnv = {}): Promise<SpawnedService> {
  return spawnService(label, 'gateway/src/exchange-main.ts', [], { ...exchangeEnv, ...extra }, 120_000, /exchange ready/).then((e) => {
    exchanges.push(e);
    return e;
  });
}

/** A call to the gateway process as `agency`'s county officer of `region`. */
async function ask(query: string, variables: Record<string, unknown>, caller: { agency?: Agency; region?: string } = {}): Promise<any> {
  const bearer =
    caller.agency || caller.region
      ? await mintToken(idpKey, {
          subject: 'exchange-test',
          issuer: ISSUER,
          audience: 'lbc-hub',
          agency: caller.agency ?? 'civil_affairs',
          level: 'county',
          region: caller.region ?? REGION,
          roles: ['officer'],
        })
      : token;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-lbc-purpose': 'CASE_MANAGEMENT' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function register(): Promise<string> {
  const body = await ask('mutation($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }', {
    input: { name: '吴小雨', sex: 'FEMALE', birthDate: '2016-06-06', residenceVillageCode: '431003101001', category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2022-02-02' },
  });
  expect(body.errors, JSON.stringify(body)).toBeUndefined();
  return body.data.registerChild.child.id as string;
}

describe.sequential('the exchange as its own process (real processes, real PostgreSQL)', () => {
  beforeAll(async () => {
    admin = await createDatabase({ url: SERVER_URL, maxConnections: 2 });
    for (const name of [...AGENCY_DATABASES.map((d) => d.name), HUB_DATABASE]) {
      await sql.raw(`create database "${name}"`).execute(admin.db);
      created.push(name);
    }
    keysDir = mkdtempSync(join(tmpdir(), 'lbc-exchange-'));
    const { gatewayPrivateFile, gatewayJwksFile, issuersFile, idpPrivateJwk } = await writeHubKeyFiles(keysDir, 'exchange', ISSUER, ['civil_affairs', 'education']);
    idpKey = idpPrivateJwk;
    gatewayKey = JSON.parse(readFileSync(gatewayPrivateFile, 'utf8')) as JWK;
    const databaseVariables = Object.fromEntries(AGENCY_DATABASES.map(({ service, name }) => [databaseUrlVariable(service.name), databaseUrl(name)]));
    await runScript('scripts/src/seed/main.ts', ['--children', '40', '--scope', `${REGION},${AWAY}`], { ...COMMON, ...databaseVariables });
    for (const { service, name } of AGENCY_DATABASES) agencies[service.name] = await createDatabase({ url: databaseUrl(name), maxConnections: 2 });

    subgraphEnv = { ...COMMON, ...databaseVariables, HOST: '127.0.0.1', LBC_GATEWAY_JWKS_FILE: gatewayJwksFile };
    for (const { service } of AGENCY_DATABASES) services[service.name] = await spawnService(service.name, 'scripts/src/serve-subgraph.ts', [service.name], { ...subgraphEnv, PORT: '0' });
    const urls = Object.fromEntries(Object.entries(services).map(([name, s]) => [subgraphUrlVariable(name), s.url]));
    gateway = await spawnService('gateway', 'gateway/src/main.ts', [], {
      ...COMMON,
      ...urls,
      HUB_DATABASE_URL: databaseUrl(HUB_DATABASE),
      PORT: '0',
      HOST: '127.0.0.1',
      LBC_DEVELOPMENT: '1',
      // Production's arrangement: the exchange is a process of its own.
      LBC_EXCHANGE: 'off',
      LBC_ISSUERS_FILE: issuersFile,
      LBC_GATEWAY_PRIVATE_KEY_FILE: gatewayPrivateFile,
      LBC_AUDIT_ANCHOR_FILE: join(keysDir, 'audit-anchor.jsonl'),
    });
    hub = await createDatabase({ url: databaseUrl(HUB_DATABASE), maxConnections: 2 });
    exchangeEnv = {
      ...COMMON,
      ...urls,
      HUB_DATABASE_URL: databaseUrl(HUB_DATABASE),
      LBC_GATEWAY_PRIVATE_KEY_FILE: gatewayPrivateFile,
      LBC_EXCHANGE_INTERVAL_MS: '100',
      LBC_EXCHANGE_BATCH: '50',
      LBC_EXCHANGE_LEASE_MS: '3000',
    };
    token = await mintToken(idpPrivateJwk, { subject: 'exchange-test', issuer: ISSUER, audience: 'lbc-hub', agency: 'civil_affairs', level: 'county', region: REGION, roles: ['officer'] });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...exchanges, gateway, ...Object.values(services)].filter(Boolean).map((p) => p.stop(5_000).catch(() => undefined)));
    await Promise.all([hub, ...Object.values(agencies)].filter(Boolean).map((d) => d.close().catch(() => undefined)));
    if (admin) {
      for (const name of created) await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin.db);
      await admin.close();
    }
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  }, 120_000);

  it('an agency stopped during writes receives its events after it restarts; the others are not held up', async () => {
    const first = await startExchange('exchange-1');
    const health = services['health']!;
    const port = new URL(health.url).port;
    await health.stop();
    const children = [await register(), await register(), await register()];
    for (const subgraph of ['education-enrollment', 'police-household']) {
      await eventually(async () => (await placesIn(subgraph, children)).size === children.length, `${subgraph} receives while health is down`);
    }
    expect((await placesIn('health', children)).size).toBe(0);
    services['health'] = await spawnService('health', 'scripts/src/serve-subgraph.ts', ['health'], { ...subgraphEnv, PORT: port });
    await eventually(async () => (await placesIn('health', children)).size === children.length, 'health receives its backlog after the restart');
    await first.stop();
  });

  it('killed mid-batch and restarted, the exchange delivers every event, and each is applied once', async () => {
    const ids = await burst(1_500);
    const head = await outboxHead();
    const victim = await startExchange('exchange-2');
    // Killed without warning while a source is half delivered: no chance to finish a batch or move a cursor.
    await eventually(async () => Object.values(await cursors('civil-affairs')).some((p) => p > head - 1_500 && p < head - 300), 'a delivery under way');
    process.kill(victim.pid, 'SIGKILL');
    await victim.exit;
    expect(Object.values(await cursors('civil-affairs')).some((p) => p < head)).toBe(true);

    await startExchange('exchange-3');
    await eventually(async () => Object.values(await cursors('civil-affairs')).every((p) => p === head), 'every subscriber caught up');
    for (const subgraph of SUBSCRIBERS) {
      const places = await placesIn(subgraph, ids);
      expect(places.size, subgraph).toBe(ids.length);
      expect(new Set(places.values()), subgraph).toEqual(new Set(['431003101001']));
      // Each event applied once: one inbox row per event id (its primary key), and every event of the source there.
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from inbox where source = 'civil_affairs'`.execute(agencies[subgraph]!.db);
      expect(rows[0]!.n, subgraph).toBe(head);
      // Every delivery was recorded: together they cover every event at least once.
      const delivered = await deliveredRanges('civil-affairs', subgraph);
      expect(covered(delivered, head), subgraph).toBe(true);
    }
  });

  it('two exchanges at once never deliver the same events twice; when the holder dies the other takes over', async () => {
    await startExchange('exchange-4');
    const since = await auditHead();
    const ids = await burst(600);
    const head = await outboxHead();
    await eventually(async () => Object.values(await cursors('civil-affairs')).every((p) => p === head), 'two exchanges deliver the burst');
    for (const subgraph of SUBSCRIBERS) {
      const ranges = await deliveredRanges('civil-affairs', subgraph, since);
      expect(overlapping(ranges), `${subgraph}: ${JSON.stringify(ranges)}`).toEqual([]);
      expect((await placesIn(subgraph, ids)).size).toBe(ids.length);
    }
    // The holder dies without giving the lease up; the other waits for it to expire, then delivers.
    const { rows } = await sql<{ holder: string }>`select holder from exchange_lease`.execute(hub.db);
    expect(rows).toHaveLength(1);
    const alive = exchanges.filter((e) => e.alive());
    expect(alive).toHaveLength(2);
    const holder = alive.find((e) => lastLeaseLine(e) === 'holds')!;
    expect(holder, alive.map((e) => e.tail(10)).join('\n')).toBeDefined();
    process.kill(holder.pid, 'SIGKILL');
    await holder.exit;
    const more = await burst(100);
    const last = await outboxHead();
    await eventually(async () => Object.values(await cursors('civil-affairs')).every((p) => p === last), 'the survivor takes over');
    for (const subgraph of SUBSCRIBERS) expect((await placesIn(subgraph, more)).size).toBe(more.length);
  });

  it('a school transfer across counties changes who can see the child, end to end', async () => {
    if (!exchanges.some((e) => e.alive())) await startExchange('exchange-6');
    const pupils = await ask(
      `query($code: DivisionCode!) { schools(regionCode: $code, first: 20) { edges { node { kind enrolledChildren(first: 5) { edges { node { id currentEnrollment { id version } } } } } } } }`,
      { code: REGION },
      { agency: 'education' },
    );
    const pupil = pupils.data.schools.edges.flatMap((s: any) => s.node.enrolledChildren.edges.map((e: any) => ({ ...e.node, kind: s.node.kind }))).find((c: any) => c.currentEnrollment);
    expect(pupil, JSON.stringify(pupils)).toBeTruthy();
    const away = await ask(`query($code: DivisionCode!) { schools(regionCode: $code, first: 50) { edges { node { id kind } } } }`, { code: AWAY }, { agency: 'education', region: AWAY });
    const toSchoolId = away.data.schools.edges.find((s: any) => s.node.kind === pupil.kind).node.id as string;
    const awayRegistry = () => ask(`query($id: ID!) { child(id: $id) { id } }`, { id: pupil.id }, { region: AWAY });
    expect((await awayRegistry()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const transfer = await ask(
      `mutation($input: TransferChildInput!) { transferChild(input: $input) { enrollment { school { id } } } }`,
      { input: { enrollmentId: pupil.currentEnrollment.id, expectedVersion: pupil.currentEnrollment.version, toSchoolId, transferredOn: '2026-11-30', className: '2班', boarding: false } },
      { agency: 'education' },
    );
    expect(transfer.errors, JSON.stringify(transfer)).toBeUndefined();
    await eventually(async () => (await awayRegistry()).data?.child?.id === pupil.id, 'the receiving county sees the registry file once the exchange carried the school');
  });

  it('a delivery made twice to an agency process changes nothing the second time', async () => {
    const signer = await createInternalSigner(gatewayKey);
    const childId = `LBD${String(Date.now()).slice(-8)}`;
    const events = [deliveredEvent('civil_affairs', childId, 'place.residence', { residenceCode: '431003101001' }, 1, randomUUID())];
    const deliver = async () => {
      const bearer = await signer.sign(EXCHANGE_PRINCIPAL, 'police-household', { requestId: randomUUID(), purpose: 'CASE_MANAGEMENT', service: 'exchange' });
      const response = await fetch(services['police-household']!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query: APPLY_EVENTS, variables: { events } }),
      });
      return ((await response.json()) as any).data._applyEvents;
    };
    expect(await deliver()).toEqual({ applied: 1, duplicates: 0 });
    // Moved on since (a later event): the old one delivered again must not move it back.
    await sql`update child_place set residence_code = '431003101002' where child_id = ${childId}`.execute(agencies['police-household']!.db);
    expect(await deliver()).toEqual({ applied: 0, duplicates: 1 });
    expect((await placesIn('police-household', [childId])).get(childId)).toBe('431003101002');
  });
});

/** What an exchange process last said about the lease. */
function lastLeaseLine(exchange: SpawnedService): 'holds' | 'lost' | undefined {
  const lines = [...exchange.stdout, ...exchange.stderr].filter((l) => l.includes('the lease'));
  const last = lines.at(-1);
  return last === undefined ? undefined : last.includes('holds the lease') ? 'holds' : 'lost';
}

/** The audit log's last position: entries after it are this test's. */
async function auditHead(): Promise<number> {
  const { rows } = await sql<{ seq: string | null }>`select max(seq) as seq from audit_entry`.execute(hub.db);
  return Number(rows[0]!.seq ?? 0);
}

/** The outbox ranges each recorded delivery from `source` to `subscriber` carried, in the order delivered. */
async function deliveredRanges(source: string, subscriber: string, after = 0): Promise<[number, number][]> {
  const { rows } = await sql<{ first: string; last: string }>`
    select variables->>'firstSeq' as first, variables->>'lastSeq' as last from audit_entry
    where client = 'lbc-exchange' and operation_name = ${`deliver ${source} -> ${subscriber}`} and seq > ${after} order by seq`.execute(hub.db);
  return rows.map((r) => [Number(r.first), Number(r.last)]);
}

function covered(ranges: [number, number][], head: number): boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let next = 1;
  for (const [first, last] of sorted) if (first <= next) next = Math.max(next, last + 1);
  return next > head;
}

function overlapping(ranges: [number, number][]): [number, number][][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  return sorted.slice(1).flatMap((range, i) => (range[0] <= sorted[i]![1] ? [[sorted[i]!, range]] : []));
}
