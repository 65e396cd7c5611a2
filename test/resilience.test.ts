import { subgraphUrlVariable } from '@lbc/gateway/config';
import { mintToken } from '@lbc/scripts/keys/mint-token';
import { SERVICES } from '@lbc/scripts/services';
import { createDatabase, databaseUrlVariable, type Database } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHubKeyFiles } from './harness/hub-key-files.ts';
import { ROOT, runScript, spawnService, type SpawnedService } from './harness/spawn-service.ts';
import { startTcpProxy, type TcpProxy } from './harness/tcp-proxy.ts';

/**
 * The hub as five real processes over real PostgreSQL, while PostgreSQL loses them: every
 * backend of every database terminated mid-traffic, statements killed while they run,
 * databases refusing connections for a while as during a restart, and the hub database's
 * network path going silent. No process may die; every answer is the full answer or a
 * typed error (never a dropped connection, never an HTML page); nothing leaves when the
 * audit log cannot be written; service resumes by itself. Always on a PostgreSQL server
 * (LBC_TEST_POSTGRES_URL, default the local one), in databases of its own that it drops:
 * PGlite cannot lose a connection.
 */
const SERVER_URL = process.env.LBC_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `lbc_resilience_${process.pid}_${Date.now().toString(36)}`;
const AGENCY_DATABASES = SERVICES.map((service) => ({ service, name: `${RUN}_${service.name.replace(/-/g, '_')}` }));
const HUB_DATABASE = `${RUN}_hub`;
const ALL_DATABASES = [...AGENCY_DATABASES.map((d) => d.name), HUB_DATABASE];
const ISSUER = 'https://resilience-idp.lbc-hub.local';
const AUDIENCE = 'lbc-hub';
const REGION = '431003';
/** The codes that say "the hub could not answer this now, retry": the only errors a fault may cause. */
const OUTAGE_CODES = new Set(['DATABASE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'AUDIT_UNAVAILABLE']);
const CHILD_RECORD = readFileSync(join(ROOT, 'schema/examples/child-record.graphql'), 'utf8');

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

let admin: Database<any>;
let keysDir: string;
let gatewayJwksFile: string;
let token: string;
let childId: string;
let baseline: Answer;
const subgraphs: SpawnedService[] = [];
let gateway: SpawnedService | undefined;
/** Between the gateway and its hub database: the network path a partition cuts. */
let hubPath: TcpProxy | undefined;
const created: string[] = [];

function databaseUrl(name: string, through?: TcpProxy): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  if (through) {
    url.hostname = '127.0.0.1';
    url.port = String(through.port);
  }
  return url.toString();
}

/** Terminates every backend of `database` (not the admin connection); how many there were. */
async function terminateBackends(database: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()) t`.execute(
    admin.db,
  );
  return rows[0]!.n;
}

async function allowConnections(database: string, allow: boolean): Promise<void> {
  await sql.raw(`alter database "${database}" allow_connections ${allow}`).execute(admin.db);
}

async function query(text: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(gateway!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT' },
    body: JSON.stringify({ query: text, variables }),
    // A hung request is a failure too, but a bounded one.
    signal: AbortSignal.timeout(90_000),
  });
  const type = response.headers.get('content-type') ?? '';
  const raw = await response.text();
  if (!type.includes('application/json')) throw new Error(`HTTP ${response.status} with ${type || 'no content type'}: ${raw.slice(0, 300)}`);
  return { status: response.status, body: JSON.parse(raw) };
}

function codesOf(answer: Answer): string[] {
  return (answer.body.errors ?? []).map((e) => e.extensions?.code ?? '(no code)');
}

/**
 * What one request came back as: the full answer (as before any fault), a typed outage
 * error, or a problem (described). A response holding AUDIT_UNAVAILABLE must hold no data.
 */
async function childRecord(): Promise<{ kind: 'full' | 'outage'; codes: string[] } | { kind: 'problem'; problem: string }> {
  let answer: Answer;
  try {
    answer = await query(CHILD_RECORD, { id: childId });
  } catch (error) {
    return { kind: 'problem', problem: `no JSON answer: ${(error as Error).message}${(error as Error).cause ? ` (${String((error as Error).cause)})` : ''}` };
  }
  const codes = codesOf(answer);
  if (answer.status === 200 && isDeepStrictEqual(answer.body.data, baseline.body.data) && isDeepStrictEqual(codes, codesOf(baseline))) return { kind: 'full', codes };
  const baselineCodes = new Set(codesOf(baseline));
  const added = codes.filter((c) => !baselineCodes.has(c));
  const shown = `HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`;
  if (!added.length) return { kind: 'problem', problem: `a different answer without a typed error: ${shown}` };
  const untyped = added.filter((c) => !OUTAGE_CODES.has(c));
  if (untyped.length) return { kind: 'problem', problem: `error codes ${untyped.join(', ')} instead of an outage code: ${shown}` };
  if (codes.includes('AUDIT_UNAVAILABLE') && (answer.status !== 503 || (answer.body.data !== undefined && answer.body.data !== null))) {
    return { kind: 'problem', problem: `AUDIT_UNAVAILABLE must come as 503 without data: ${shown}` };
  }
  if (answer.status !== 200 && answer.status !== 503) return { kind: 'problem', problem: `status ${answer.status}: ${shown}` };
  return { kind: 'outage', codes: added };
}

/** Retries (bounded) until a request gets the full answer; the last outcome otherwise. */
async function fullAnswerEventually(attempts = 60, pauseMs = 500) {
  let last: Awaited<ReturnType<typeof childRecord>> | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await childRecord();
    if (last.kind === 'full') return last;
    await sleep(pauseMs);
  }
  return last!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function processes(): SpawnedService[] {
  return [...subgraphs, ...(gateway ? [gateway] : [])];
}

function deadProcesses(): string {
  return processes()
    .filter((p) => !p.alive())
    .map((p) => `${p.label} (pid ${p.pid}) died:\n${p.tail(60)}`)
    .join('\n\n');
}

describe.sequential('the hub survives its databases (real processes, real PostgreSQL)', () => {
  beforeAll(async () => {
    admin = await createDatabase({ url: SERVER_URL, maxConnections: 2 });
    for (const name of ALL_DATABASES) {
      await sql.raw(`create database "${name}"`).execute(admin.db);
      created.push(name);
    }
    keysDir = mkdtempSync(join(tmpdir(), 'lbc-resilience-'));
    const keys = await writeHubKeyFiles(keysDir, 'resilience', ISSUER, ['civil_affairs']);
    const { gatewayPrivateFile, issuersFile } = keys;
    gatewayJwksFile = keys.gatewayJwksFile;
    const databaseVariables = Object.fromEntries(AGENCY_DATABASES.map(({ service, name }) => [databaseUrlVariable(service.name), databaseUrl(name)]));
    // Children's own processes log as in production; vitest's NODE_ENV=test would silence them.
    const common = { NODE_ENV: '', LOG_LEVEL: 'info', APOLLO_TELEMETRY_DISABLED: '1' };
    await runScript('scripts/src/seed/main.ts', ['--children', '30', '--scope', REGION], { ...common, ...databaseVariables });

    subgraphs.push(
      ...(await Promise.all(
        AGENCY_DATABASES.map(({ service }) =>
          spawnService(service.name, 'scripts/src/serve-subgraph.ts', [service.name], { ...common, ...databaseVariables, PORT: '0', HOST: '127.0.0.1', LBC_GATEWAY_JWKS_FILE: gatewayJwksFile }),
        ),
      )),
    );
    const server = new URL(SERVER_URL);
    hubPath = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    gateway = await spawnService('gateway', 'gateway/src/main.ts', [], {
      ...common,
      HUB_DATABASE_URL: databaseUrl(HUB_DATABASE, hubPath),
      PORT: '0',
      HOST: '127.0.0.1',
      LBC_DEVELOPMENT: '1',
      LBC_ISSUERS_FILE: issuersFile,
      LBC_GATEWAY_PRIVATE_KEY_FILE: gatewayPrivateFile,
      // Its own anchor, never the development hub's under .data/.
      LBC_AUDIT_ANCHOR_FILE: join(keysDir, 'audit-anchor.jsonl'),
      // The traffic below is one client system: a rate limit must not answer for the faults.
      LBC_RATE_LIMIT_PER_MINUTE: '100000',
      LBC_RATE_LIMIT_BURST: '10000',
      ...Object.fromEntries(subgraphs.map((s) => [subgraphUrlVariable(s.label), s.url])),
    });

    token = await mintToken(keys.idpPrivateJwk, { subject: 'resilience', issuer: ISSUER, audience: AUDIENCE, agency: 'civil_affairs', level: 'county', region: REGION, roles: ['officer'] });
    const list = await query('query($region: DivisionCode!) { children(filter: { regionCode: $region, status: ACTIVE }, first: 3) { edges { node { id } } } }', { region: REGION });
    childId = list.body.data?.children?.edges?.[0]?.node?.id;
    expect(childId, JSON.stringify(list.body)).toBeTruthy();
    baseline = await query(CHILD_RECORD, { id: childId });
    expect(baseline.status, JSON.stringify(baseline.body)).toBe(200);
    expect(baseline.body.data?.child?.id, JSON.stringify(baseline.body)).toBe(childId);
    // Every agency answered before the faults: the comparison later is with a real answer.
    expect(
      codesOf(baseline).filter((c) => OUTAGE_CODES.has(c) || c === 'INTERNAL_SERVER_ERROR'),
      JSON.stringify(baseline.body.errors),
    ).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes().map((p) => p.stop(5_000)));
    await hubPath?.close();
    if (admin) {
      for (const name of created) {
        await allowConnections(name, true).catch(() => undefined);
        await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin.db);
      }
      await admin.close();
    }
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  }, 120_000);

  it('terminating every backend of every database mid-traffic kills no process and yields only full answers or typed errors', async () => {
    const problems: string[] = [];
    const outcomes: Record<string, number> = {};
    const terminated: Record<string, number> = Object.fromEntries(ALL_DATABASES.map((d) => [d, 0]));
    let faultsDone = false;

    // Bounded in count: three callers, each at least 5 and at most 40 requests, while the faults run.
    const traffic = Array.from({ length: 3 }, async () => {
      for (let i = 0; i < 40 && (i < 5 || !faultsDone); i++) {
        const outcome = await childRecord();
        if (outcome.kind === 'problem') problems.push(outcome.problem);
        else for (const key of outcome.kind === 'full' ? ['full'] : outcome.codes) outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
    });
    const faults = (async () => {
      for (let round = 0; round < 6; round++) {
        // All at once in even rounds, one database after another in odd ones.
        if (round % 2 === 0) {
          const counts = await Promise.all(ALL_DATABASES.map(terminateBackends));
          ALL_DATABASES.forEach((d, i) => (terminated[d]! += counts[i]!));
        } else {
          for (const d of ALL_DATABASES) {
            terminated[d]! += await terminateBackends(d);
            await sleep(30);
          }
        }
        await sleep(150);
      }
      faultsDone = true;
    })();
    await Promise.all([faults, ...traffic]);

    expect(deadProcesses()).toBe('');
    expect(problems).toEqual([]);
    // The faults reached every process: each database had connections to lose...
    for (const d of ALL_DATABASES) expect(terminated[d], `no backend of ${d} was terminated`).toBeGreaterThan(0);
    // ...and each process saw its connections go and carried on.
    for (const p of processes())
      expect(
        p.stdout.some((line) => line.includes('database connection lost')),
        `${p.label} logged no lost connection:\n${p.tail(20)}`,
      ).toBe(true);

    const after = await fullAnswerEventually();
    expect(after, `no full answer after the faults stopped; outcomes during them: ${JSON.stringify(outcomes)}`).toEqual({ kind: 'full', codes: codesOf(baseline) });
    expect(deadProcesses()).toBe('');
  }, 180_000);

  it('a statement in flight when its backend is terminated fails with a typed error, and the next request succeeds', async () => {
    const civilAffairs = AGENCY_DATABASES.find((d) => d.service.name === 'civil-affairs')!.name;
    // A lock held here makes the request's statement wait in its backend: it is surely in
    // flight when that backend is terminated. The agency's read of the child, and the
    // audit commit (EXCLUSIVE still lets reads through, so only the entry's insert waits).
    for (const { database, lock, code } of [
      { database: civilAffairs, lock: 'lock table child in access exclusive mode', code: 'DATABASE_UNAVAILABLE' },
      { database: HUB_DATABASE, lock: 'lock table audit_entry in exclusive mode', code: 'AUDIT_UNAVAILABLE' },
    ]) {
      const locker = await createDatabase({ url: databaseUrl(database), maxConnections: 1 });
      try {
        const outcome = await locker.db.connection().execute(async (connection) => {
          await sql`begin`.execute(connection);
          await sql.raw(lock).execute(connection);
          const pending = childRecord();
          let waiting = 0;
          for (let i = 0; i < 200 && !waiting; i++) {
            await sleep(100);
            waiting = (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${database} and wait_event_type = 'Lock'`.execute(connection)).rows[0]!.n;
          }
          expect(waiting, `no statement of ${database} came to wait on the lock`).toBeGreaterThan(0);
          // From the lock holder's own session, which pg_backend_pid() spares.
          await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`.execute(connection);
          await sql`rollback`.execute(connection);
          return pending;
        });
        expect(outcome.kind === 'problem' ? outcome.problem : outcome.kind, database).toBe('outage');
        if (outcome.kind === 'outage') expect(outcome.codes).toContain(code);
      } finally {
        await locker.close();
      }
      expect(deadProcesses()).toBe('');
      expect(await fullAnswerEventually()).toEqual({ kind: 'full', codes: codesOf(baseline) });
    }
  }, 120_000);

  it('agency databases refusing connections for a while (a restart): typed errors meanwhile, then service resumes by itself', async () => {
    const agencies = AGENCY_DATABASES.map((d) => d.name);
    try {
      for (const d of agencies) {
        await allowConnections(d, false);
        await terminateBackends(d);
      }
      for (let i = 0; i < 4; i++) {
        const outcome = await childRecord();
        expect(outcome.kind === 'problem' ? outcome.problem : outcome.kind).toBe('outage');
        if (outcome.kind === 'outage') expect(outcome.codes).not.toContain('AUDIT_UNAVAILABLE');
        await sleep(250);
      }
    } finally {
      for (const d of agencies) await allowConnections(d, true);
    }
    expect(deadProcesses()).toBe('');
    expect(await fullAnswerEventually()).toEqual({ kind: 'full', codes: codesOf(baseline) });
  }, 120_000);

  it('the hub database refusing connections: 503 AUDIT_UNAVAILABLE and no data, then service resumes by itself', async () => {
    try {
      await allowConnections(HUB_DATABASE, false);
      await terminateBackends(HUB_DATABASE);
      for (let i = 0; i < 4; i++) {
        const answer = await query(CHILD_RECORD, { id: childId });
        expect(answer.status, JSON.stringify(answer.body)).toBe(503);
        expect(codesOf(answer)).toEqual(['AUDIT_UNAVAILABLE']);
        expect(answer.body.data ?? null).toBeNull();
        await sleep(250);
      }
    } finally {
      await allowConnections(HUB_DATABASE, true);
    }
    expect(deadProcesses()).toBe('');
    expect(await fullAnswerEventually()).toEqual({ kind: 'full', codes: codesOf(baseline) });
  }, 120_000);

  it('the hub database going silent (a network partition): 503 AUDIT_UNAVAILABLE and no data, then service resumes by itself', async () => {
    try {
      hubPath!.partition();
      // Each of these waits for the database's read timeout: a statement that gets no
      // answer at all, where the two tests before got a refusal at once.
      for (let i = 0; i < 2; i++) {
        const answer = await query(CHILD_RECORD, { id: childId });
        expect(answer.status, JSON.stringify(answer.body)).toBe(503);
        expect(codesOf(answer)).toEqual(['AUDIT_UNAVAILABLE']);
        expect(answer.body.data ?? null).toBeNull();
      }
    } finally {
      hubPath!.heal();
    }
    expect(deadProcesses()).toBe('');
    expect(await fullAnswerEventually()).toEqual({ kind: 'full', codes: codesOf(baseline) });
  }, 300_000);

  it('every process stops cleanly on SIGTERM, and the audit chain written through the faults verifies', async () => {
    expect(deadProcesses()).toBe('');
    const stopped = await Promise.all(processes().map(async (p) => ({ label: p.label, ...(await p.stop(20_000)) })));
    for (const s of stopped) expect(s, `${s.label} did not stop cleanly`).toMatchObject({ code: 0, signal: null });
    // Subgraph logs are JSON lines (pino) with time and level, ready line included.
    for (const s of subgraphs) {
      for (const line of s.stdout.filter((l) => l.trim())) expect(() => JSON.parse(line), `${s.label} wrote a non-JSON line: ${line}`).not.toThrow();
      for (const entry of s.stdout.filter((l) => l.trim()).map((l) => JSON.parse(l))) expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String) });
    }
    const verified = await runScript('scripts/src/audit/verify.ts', [], { HUB_DATABASE_URL: databaseUrl(HUB_DATABASE), LBC_GATEWAY_JWKS_FILE: gatewayJwksFile, LOG_LEVEL: 'silent' });
    expect(verified).toMatch(/audit log intact/);
  }, 120_000);
});
