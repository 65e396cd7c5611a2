import { mintToken } from '@lbc/scripts/keys/mint-token';
import { createDatabase } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeployFiles } from '../../scripts/src/build/deploy-files.ts';
import { ROOT } from '../harness/spawn-service.ts';
import { startBuiltHub, type BuiltHub } from './built-hub.ts';

/**
 * The production build as an operator deploys it: `pnpm build`, then every process started
 * with plain `node dist/<entry>.js` (no tsx, no TypeScript), the migration job run as each
 * database's owner, the services connected as least-privilege runtime roles, two gateway
 * replicas and the exchange sharing one hub database. Both replicas answer with real data,
 * and after a concurrent burst through both the audit chain verifies with every request's
 * entry in it. Real PostgreSQL only (several processes share the hub database, which an
 * embedded PGlite cannot), so it runs in the suite's PostgreSQL pass
 * (LBC_TEST_POSTGRES_URL set), in databases and roles of its own that it drops.
 */
const SERVER_URL = process.env.LBC_TEST_POSTGRES_URL;
const RUN = `lbc_deploy_${process.pid}_${Date.now().toString(36)}`;
const ISSUER = 'https://deploy-idp.lbc-hub.local';
const CLIENT = 'deploy-test-system';
const REGION = '431003';
const CHILD_RECORD_FILE = 'schema/examples/child-record.graphql';
const HOME_VISIT_FILE = 'test/deploy/record-home-visit.graphql';
const CHILD_RECORD = readFileSync(join(ROOT, CHILD_RECORD_FILE), 'utf8');
const HOME_VISIT = readFileSync(join(ROOT, HOME_VISIT_FILE), 'utf8');

let hub: BuiltHub;
let token: string;
let children: { id: string; name: string }[];

interface Answer {
  status: number;
  requestId: string;
  body: { data?: any; errors?: unknown[] };
}

async function ask(gateway: number, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(hub.gateways[gateway]!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id') ?? '', body: (await response.json()) as Answer['body'] };
}

describe.skipIf(!SERVER_URL).sequential('the production build, deployed (plain node, PostgreSQL, least-privilege roles)', () => {
  beforeAll(async () => {
    hub = await startBuiltHub({
      serverUrl: SERVER_URL!,
      run: RUN,
      issuer: ISSUER,
      gateways: 2,
      documents: [CHILD_RECORD_FILE, HOME_VISIT_FILE],
      client: CLIENT,
      children: 60,
      region: REGION,
    });
    token = await mintToken(hub.keys.idpPrivateJwk, {
      subject: 'deploy-test',
      issuer: ISSUER,
      audience: 'lbc-hub',
      agency: 'civil_affairs',
      level: 'county',
      region: REGION,
      roles: ['officer'],
      client: CLIENT,
    });
    const civil = await hub.ownerDb('civil-affairs');
    ({ rows: children } = await sql<{ id: string; name: string }>`select id, name from child order by id limit 12`.execute(civil.db));
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
  }, 120_000);

  it('each gateway replica is live and ready, and answers a child record with data from the four agencies', async () => {
    for (const gateway of hub.gateways) {
      const origin = new URL(gateway.url).origin;
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      const ready = await fetch(`${origin}/readyz`);
      expect(ready.status, await ready.clone().text()).toBe(200);
    }
    // A child every agency knows: registered by the police and on a clinic's books.
    const residents = await sql<{ child_id: string; id_number: string }>`select child_id, id_number from resident where child_id is not null`.execute((await hub.ownerDb('police-household')).db);
    const patients = await sql<{ child_id: string; record_number: string }>`select child_id, record_number from patient`.execute((await hub.ownerDb('health')).db);
    const child = children.find((c) => residents.rows.some((r) => r.child_id === c.id) && patients.rows.some((p) => p.child_id === c.id));
    expect(child, 'a seeded child known to the police and to health').toBeDefined();
    for (const gateway of [0, 1]) {
      const answer = await ask(gateway, CHILD_RECORD, { id: child!.id });
      expect(answer.status).toBe(200);
      expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
      expect(answer.body.data.child).toMatchObject({
        id: child!.id,
        name: child!.name,
        idNumber: residents.rows.find((r) => r.child_id === child!.id)!.id_number,
        healthRecord: { number: patients.rows.find((p) => p.child_id === child!.id)!.record_number },
      });
    }
  });

  it('production mode: an operation that is not a trusted document is refused', async () => {
    const answer = await ask(0, '{ child(id: "LB000000001") { id } }', {});
    expect(answer.status).toBe(403);
  });

  it('the runtime roles hold no more than they need: no DDL for a service, no rewriting the audit log, auditors read only', async () => {
    const agency = await createDatabase({ url: hub.databaseUrl('civil-affairs', 'agency'), maxConnections: 1 });
    const gateway = await createDatabase({ url: hub.databaseUrl('hub', 'gateway'), maxConnections: 1 });
    const auditor = await createDatabase({ url: hub.databaseUrl('hub', 'auditor'), maxConnections: 1 });
    try {
      await expect(sql`create table deploy_probe (id int)`.execute(agency.db)).rejects.toThrow(/permission denied for schema public/);
      await expect(sql`update audit_entry set request_id = 'x' where seq = 1`.execute(gateway.db)).rejects.toThrow(/permission denied for table audit_entry/);
      await expect(sql`delete from audit_checkpoint`.execute(gateway.db)).rejects.toThrow(/permission denied for table audit_checkpoint/);
      await expect(sql`select count(*) from audit_entry`.execute(auditor.db)).resolves.toBeDefined();
      await expect(sql`insert into audit_checkpoint select * from audit_checkpoint limit 0`.execute(auditor.db)).rejects.toThrow(/permission denied for table audit_checkpoint/);
    } finally {
      await Promise.all([agency.close(), gateway.close(), auditor.close()]);
    }
  });

  it('the probes the Kubernetes manifests declare are paths the built services answer', async () => {
    const { kubernetes } = readDeployFiles(join(ROOT, 'deploy'));
    const probed = (image: string) =>
      kubernetes
        .flatMap((d) => (d.object.spec?.template?.spec?.containers ?? []) as Record<string, any>[])
        .filter((c) => String(c.image) === image)
        .flatMap((c) => ['startupProbe', 'livenessProbe', 'readinessProbe'].map((p) => c[p]?.httpGet?.path as string | undefined))
        .filter((path): path is string => Boolean(path));
    const asked = [...probed('lbc-hub/gateway').map((path) => [hub.gateways[0]!, path] as const), ...probed('lbc-hub/subgraph').map((path) => [hub.subgraphs['health']!, path] as const)];
    expect(asked.map(([, path]) => path)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    for (const [service, path] of asked) expect((await fetch(new URL(path, service.url))).status, `${service.label} ${path}`).toBe(200);
  });
  it('two replicas writing one audit chain concurrently: every request is recorded, and the chain verifies', async () => {
    const request = (i: number) => {
      const child = children[i % children.length]!;
      const headers = { 'x-request-id': `deploy-burst-${i}` };
      if (i % 4 === 3) {
        const input = { childId: child.id, visitedOn: '2024-09-30', concernRaised: false, findings: `burst ${i}` };
        return ask(i % 2, HOME_VISIT, { input }, { ...headers, 'idempotency-key': randomUUID() }).then((answer) => ({ answer, write: true }));
      }
      return ask(i % 2, CHILD_RECORD, { id: child.id }, headers).then((answer) => ({ answer, write: false }));
    };
    // 48 requests, 6 in flight at a time (3 on each replica): concurrent appends to one chain, while the
    // services' pools stay well within the connection limit of the server the suite's other files share.
    const answers: Awaited<ReturnType<typeof request>>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = next++; i < 48; i = next++) answers.push(await request(i));
      }),
    );
    for (const { answer } of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    }
    const hubDb = await hub.ownerDb('hub');
    for (const { answer, write } of answers) {
      const { rows } = await sql<{ outcome: string }>`select outcome from audit_entry where request_id = ${answer.requestId} order by seq`.execute(hubDb.db);
      expect(rows.map((r) => r.outcome)).toEqual(write ? ['attempted', 'ok'] : ['ok']);
    }

    // A clean stop signs each writer's last head into a checkpoint and its anchor file.
    for (const writer of [...hub.gateways, hub.exchange]) expect(await writer.stop()).toMatchObject({ code: 0 });
    const output = await hub.runBuilt('audit-verify', [...hub.anchorFiles.flatMap((file) => ['--anchor', file])], {
      HUB_DATABASE_URL: hub.databaseUrl('hub', 'auditor'),
      LBC_GATEWAY_JWKS_FILE: hub.keys.gatewayJwksFile,
    });
    const intact = /audit log intact \(hub database\): (\d+) entries, (\d+) signed checkpoints verified/.exec(output);
    expect(intact, output).not.toBeNull();
    expect(Number(intact![1])).toBeGreaterThanOrEqual(answers.length + answers.filter((a) => a.write).length);
    expect(Number(intact![2])).toBeGreaterThan(0);
  });
});
