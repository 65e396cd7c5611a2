import { createLogger } from '@lbc/subgraph-kit';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * What an operator sees of a running gateway: probes without a token and without audit
 * rows, Prometheus metrics, one structured log line per request with its id and the
 * principal's place (never a token or a full ID number), and the per-client rate limit.
 */
const lines: Record<string, unknown>[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    done();
  },
});
let hub: Hub;
let token: string;
let child: { id: string; idNumber: string };

beforeAll(async () => {
  hub = await startHub({ children: 3, log: createLogger('gateway', { level: 'info', destination: capture }), gateway: { rateLimit: { perMinute: 1, burst: 30 } } });
  token = await hub.token({ agency: 'police', level: 'county', region: '431003' });
  const { body } = await hub.query(token, '{ children(filter: { regionCode: "431003" }, first: 1) { edges { node { id idNumber } } } }');
  child = body.data.children.edges[0].node;
});
afterAll(() => hub?.stop());

async function auditRows(): Promise<number> {
  const row = await hub.hubDatabase.db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('probes', () => {
  it('/healthz answers without a token and leaves no audit entry', async () => {
    const before = await auditRows();
    const response = await fetch(`${hub.gatewayOrigin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(await auditRows()).toBe(before);
  });

  it('/readyz checks the hub database, the audit log and every subgraph, without a token or an audit entry', async () => {
    const before = await auditRows();
    const response = await fetch(`${hub.gatewayOrigin}/readyz`);
    const body = (await response.json()) as any;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual([
      'audit-log',
      'hub-database',
      'subgraph:audit',
      'subgraph:civil-affairs',
      'subgraph:education-enrollment',
      'subgraph:handoffs',
      'subgraph:health',
      'subgraph:police-household',
    ]);
    expect(Object.values(body.checks).every((c) => (c as { ok: boolean }).ok)).toBe(true);
    expect(await auditRows()).toBe(before);
  });
});

describe('metrics', () => {
  it('counts requests by outcome and code, times stages, subgraph fetches and audit commits', async () => {
    await hub.query(token, `{ child(id: "${child.id}") { id name healthRecord { number } } }`);
    await hub.query(null, '{ __typename }');
    const response = await fetch(`${hub.gatewayOrigin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/lbc_gateway_requests_total\{outcome="ok",code="none"\} [1-9]/);
    expect(text).toMatch(/lbc_gateway_requests_total\{outcome="refused",code="UNAUTHENTICATED"\} [1-9]/);
    for (const stage of ['respond', 'audit', 'authenticate', 'rate limit', 'read body', 'trusted documents', 'parse', 'validate', 'validate input', 'authorize', 'apply access', 'execute']) {
      expect(text, stage).toMatch(new RegExp(`lbc_gateway_stage_duration_seconds_count\\{stage="${stage}"\\} [1-9]`));
    }
    expect(text).toMatch(/lbc_gateway_subgraph_fetch_duration_seconds_count\{subgraph="civil-affairs",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/lbc_gateway_subgraph_fetch_duration_seconds_count\{subgraph="health",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/lbc_audit_commit_duration_seconds_count [1-9]/);
    expect(text).toMatch(/lbc_audit_queue_depth 0/);
    expect(text).toMatch(/lbc_gateway_process_cpu_seconds_total/);
  });
});

describe('logs', () => {
  it('one JSON line per request with time, level, request id, agency and region; never a token or a full ID number', async () => {
    const lookup = await hub.query(token, 'query Q($n: IdNumber!) { residentByIdNumber(idNumber: $n) { id } }', { n: child.idNumber });
    const requestId = lookup.headers.get('x-request-id')!;
    await hub.query('not-a-token', '{ __typename }');
    const mine = lines.filter((l) => l.requestId === requestId);
    expect(mine.length).toBeGreaterThan(0);
    const requestLine = mine.find((l) => l.msg === 'graphql request')!;
    expect(requestLine).toMatchObject({ level: 'info', service: 'gateway', agency: 'police', region: '431003', status: 200, outcome: 'ok', operationName: 'Q' });
    expect(typeof requestLine.time).toBe('string');
    expect(typeof requestLine.durationMs).toBe('number');
    const all = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(all).not.toContain(child.idNumber);
    expect(all).not.toContain(token);
    expect(all).not.toContain('not-a-token');
    const refused = lines.filter((l) => l.msg === 'graphql request' && l.code === 'UNAUTHENTICATED');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((l) => typeof l.requestId === 'string' && l.status === 401)).toBe(true);
  });
});

describe('rate limit per client system', () => {
  it('refuses a client over its burst with 429 and Retry-After, and audits it; other clients go on', async () => {
    const flooder = await hub.token({ agency: 'education', level: 'county', region: '431003' }, { client: 'flooding-system' });
    const other = await hub.token({ agency: 'education', level: 'county', region: '431003' }, { client: 'quiet-system' });
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push(await hub.query(flooder, '{ __typename }'));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(answers.slice(0, 30).every((a) => a.status === 200)).toBe(true);
    expect(limited[0]!.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const entry = await hub.auditEntry(limited[0]!.headers.get('x-request-id')!);
    expect(entry.outcome).toBe('rejected');
    expect(entry.errorCodes).toEqual(['RATE_LIMITED']);
    const quiet = await hub.query(other, '{ __typename }');
    expect(quiet.status).toBe(200);
  });
});

describe('readiness when a subgraph is down', () => {
  it('/readyz answers 503 and names the subgraph', async () => {
    await hub.subgraphs.health.stop();
    const response = await fetch(`${hub.gatewayOrigin}/readyz`);
    const body = (await response.json()) as any;
    expect(response.status).toBe(503);
    expect(body.status).toBe('not ready');
    expect(body.checks['subgraph:health'].ok).toBe(false);
    expect(body.checks['subgraph:civil-affairs'].ok).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:/);
  });
});
