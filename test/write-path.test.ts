import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Writes through the gateway, over HTTP, against the agencies' real databases: what an
 * agency system sees (payloads, typed errors, idempotent retries, versions) and what
 * auditors see (an `attempted` entry before anything is written, then the outcome listing
 * exactly the records and fields changed, never their values).
 */
const COUNTY_OFFICER = { agency: 'civil_affairs', level: 'county', region: '431003' } as const;
const VISIT = `mutation Visit($input: RecordHomeVisitInput!) {
  recordHomeVisit(input: $input) { homeVisit { id visitedOn concernRaised } child { id name } }
}`;
const GUARDIAN = `mutation Guardian($input: ChangeGuardianInput!) {
  changeGuardian(input: $input) { child { id registryVersion guardian { name } } }
}`;

let hub: Hub;
let token: string;
let childId: string;

/** Home visits of a child, counted in the civil-affairs database itself. */
async function visits(id: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from home_visit where child_id = ${id}`.execute(hub.subgraphs['civil-affairs'].database.db);
  return rows[0]!.n;
}

beforeAll(async () => {
  hub = await startHub({ children: 40 });
  token = await hub.token(COUNTY_OFFICER);
  const list = await hub.query(token, '{ children(first: 1) { edges { node { id } } } }');
  childId = list.body.data.children.edges[0].node.id;
});
afterAll(() => hub?.stop());

describe('writes through the gateway', () => {
  it('records, answers with the written record, and audits the attempt before and the changes after', async () => {
    const before = await visits(childId);
    const response = await hub.query(token, VISIT, { input: { childId, visitedOn: '2026-11-30', concernRaised: true, findings: '孩子独自在家' } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.recordHomeVisit).toMatchObject({ homeVisit: { visitedOn: '2026-11-30', concernRaised: true }, child: { id: childId } });
    expect(await visits(childId)).toBe(before + 1);

    const [attempt, outcome] = await hub.auditEntries(response.headers.get('x-request-id')!);
    expect(attempt).toMatchObject({ outcome: 'attempted', fetches: [], operationName: 'Visit' });
    expect(outcome!.seq).toBeGreaterThan(attempt!.seq);
    expect(outcome).toMatchObject({ outcome: 'ok', operationName: 'Visit' });
    expect(outcome!.writes).toEqual([
      {
        subgraph: 'civil-affairs',
        record: 'HomeVisit',
        id: response.body.data.recordHomeVisit.homeVisit.id,
        childId,
        change: 'created',
        fields: ['visitedOn', 'concernRaised', 'findings'],
        fromVersion: null,
        toVersion: null,
      },
    ]);
    // Names and versions, never values: the findings are not in the log.
    expect(JSON.stringify(outcome)).not.toContain('孩子独自在家');
  });

  it('lists every record a versioned edit changed, with the versions before and after', async () => {
    const read = await hub.query(token, `query($id: ID!) { child(id: $id) { registryVersion } }`, { id: childId });
    const version = read.body.data.child.registryVersion as number;
    const response = await hub.query(token, GUARDIAN, { input: { childId, expectedVersion: version, guardian: { name: '张奶奶', relationship: 'GRANDPARENT', capacity: 'ADEQUATE' } } });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.changeGuardian.child).toMatchObject({ registryVersion: version + 1, guardian: { name: '张奶奶' } });
    const entry = await hub.auditEntry(response.headers.get('x-request-id')!);
    expect(entry.writes).toEqual([
      expect.objectContaining({ record: 'EntrustedGuardian', childId, fromVersion: version, toVersion: version + 1, fields: ['name', 'relationship', 'capacity', 'phone', 'confirmationSignedOn'] }),
    ]);
  });

  it('refuses a stale expectedVersion with CONFLICT and writes nothing', async () => {
    const read = await hub.query(token, `query($id: ID!) { child(id: $id) { registryVersion guardian { name } } }`, { id: childId });
    const { registryVersion, guardian } = read.body.data.child;
    const response = await hub.query(token, GUARDIAN, { input: { childId, expectedVersion: registryVersion - 1, guardian: { name: '李爷爷', relationship: 'GRANDPARENT', capacity: 'LIMITED' } } });
    expect(response.status).toBe(200);
    expect(response.body.data.changeGuardian).toBeNull();
    expect(response.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: registryVersion });
    const after = await hub.query(token, `query($id: ID!) { child(id: $id) { registryVersion guardian { name } } }`, { id: childId });
    expect(after.body.data.child).toEqual({ registryVersion, guardian });
    expect((await hub.auditEntry(response.headers.get('x-request-id')!)).writes ?? []).toEqual([]);
  });

  it('gives bad input a clear error naming the field, and writes nothing', async () => {
    const before = await visits(childId);
    const rule = await hub.query(token, VISIT, { input: { childId, visitedOn: '2999-01-01', concernRaised: false } });
    expect(rule.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.visitedOn' });
    const scalar = await hub.query(token, VISIT, { input: { childId, visitedOn: '2026-13-45', concernRaised: false } });
    expect(scalar.status).toBe(400);
    expect(scalar.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await visits(childId)).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key with the first response, writing once', async () => {
    const before = await visits(childId);
    const input = { childId, visitedOn: '2026-11-29', concernRaised: false };
    const headers = { 'idempotency-key': `visit-${Date.now()}` };
    const first = await hub.query(token, VISIT, { input }, headers);
    const retry = await hub.query(token, VISIT, { input }, headers);
    expect(retry.status).toBe(200);
    // Word for word: the same members in the same order.
    expect(JSON.stringify(retry.body)).toBe(JSON.stringify(first.body));
    expect(await visits(childId)).toBe(before + 1);
    // The retry reached no agency: its entry has no fetches and no writes.
    expect(await hub.auditEntry(retry.headers.get('x-request-id')!)).toMatchObject({ outcome: 'ok', fetches: [] });

    const reused = await hub.query(token, VISIT, { input: { ...input, concernRaised: true } }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.errors![0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await visits(childId)).toBe(before + 1);
  });

  it('a retry whose first answer the gateway never kept (a timeout, a crash) writes nothing twice: the agency remembers the key', async () => {
    const before = await visits(childId);
    const input = { childId, visitedOn: '2026-11-27', concernRaised: false };
    const key = `lost-${Date.now()}`;
    const first = await hub.query(token, VISIT, { input }, { 'idempotency-key': key });
    expect(first.body.errors).toBeUndefined();
    // As if the gateway had died before keeping the answer: its record of the key is gone, the agency's is not.
    await sql`delete from idempotent_response where key = ${key}`.execute(hub.hubDatabase.db);
    const retry = await hub.query(token, VISIT, { input }, { 'idempotency-key': key });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.recordHomeVisit.homeVisit.id).toBe(first.body.data.recordHomeVisit.homeVisit.id);
    expect(await visits(childId)).toBe(before + 1);
    // The retry reached the agency, which answered from its record and wrote nothing: no writes in its entry.
    const entry = await hub.auditEntry(retry.headers.get('x-request-id')!);
    expect(entry.fetches.map((f) => f.subgraph)).toContain('civil-affairs');
    expect(entry.writes ?? []).toEqual([]);
  });

  it('refuses a key that cannot be one', async () => {
    const response = await hub.query(token, VISIT, { input: { childId, visitedOn: '2026-11-29', concernRaised: false } }, { 'idempotency-key': 'ä'.repeat(3) });
    expect(response.status).toBe(400);
    expect(response.body.errors![0].extensions.code).toBe('BAD_REQUEST');
  });

  it('writes only inside the jurisdiction: another county is FORBIDDEN, nothing written', async () => {
    const other = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431002' });
    const before = await visits(childId);
    const response = await hub.query(other, VISIT, { input: { childId, visitedOn: '2026-11-29', concernRaised: false } });
    expect(response.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await visits(childId)).toBe(before);
  });

  it('with the audit store down, writes nothing: 503 AUDIT_UNAVAILABLE', async () => {
    const before = await visits(childId);
    await hub.hubDatabase.close();
    const response = await hub.query(token, VISIT, { input: { childId, visitedOn: '2026-11-28', concernRaised: false } });
    expect(response.status).toBe(503);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors![0].extensions.code).toBe('AUDIT_UNAVAILABLE');
    expect(await visits(childId)).toBe(before);
  });
});
