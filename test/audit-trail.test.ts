import { readChain, readCheckpoints, verifyChain, type AuditEntry } from '@lbc/audit/store';
import { maskIdNumber } from '@lbc/schema';
import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '@lbc/scripts/seed/world';
import { publicJwkOf } from '@lbc/gateway/audit';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The audit stage over the real hub: one entry per operation, committed before the
 * response leaves, naming exactly the children and fields the response carried.
 */
let hub: Hub;
let child: SyntheticChild;

beforeAll(async () => {
  hub = await startHub({ children: 40, scope: ['431003'] });
  const places = await loadPlaces(['431003']);
  const ids = new IdNumberIssuer();
  const world = Array.from({ length: 40 }, (_, i) => generateChild(7, i, places, ids));
  child = world.find((c) => c.idNumber && c.status === 'ACTIVE')!;
});
afterAll(() => hub?.stop());

const county = (agency: string) => hub.token({ agency: agency as any, level: 'county', region: '431003' });

/** The entry the gateway wrote for a response, found by the request id it answered with. */
const entryFor = (response: { headers: Headers }) => hub.auditEntry(response.headers.get('x-request-id')!);

const coordinates = (entry: AuditEntry, childId: string) => entry.children.find((c) => c.childId === childId)?.fields.map((f) => `${f.coordinate}${f.masked ? ' (masked)' : ''}`);

describe('what an entry records', () => {
  it('one child record: who, why, which fields of which child, full or masked, and what each agency was asked', async () => {
    const response = await hub.query(await county('justice'), `query Record($id: ID!) { child(id: $id) { name idNumber birthDate healthRecord { clinic { name } } } }`, { id: child.id });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.child.idNumber).toBe(maskIdNumber(child.idNumber!));
    const entry = await entryFor(response);
    expect(entry).toMatchObject({
      principal: { agency: 'justice', level: 'county', region: '431003', subject: 'e2e-user' },
      purpose: 'CASE_MANAGEMENT',
      operationName: 'Record',
      outcome: 'ok',
      variables: { id: child.id },
      denied: [],
    });
    expect(entry.children.map((c) => c.childId)).toEqual([child.id]);
    // Everything reached through the child's record counts as read about that child (its clinic too).
    expect(coordinates(entry, child.id)).toEqual(['Child.birthDate', 'Child.healthRecord', 'Child.idNumber (masked)', 'Child.name', 'Clinic.name', 'HealthRecord.clinic']);
    expect(entry.otherFields.map((f) => f.coordinate)).toEqual(['Query.child']);
    expect(entry.fetches.map((f) => f.subgraph).sort()).toEqual(['civil-affairs', 'health', 'police-household']);
    expect(entry.fetches.find((f) => f.subgraph === 'police-household')!.fields).toContain('Child.idNumber');
    expect(entry.operationText).toContain('child(id: $id)');
  });

  it('a list: exactly the children the page carried, and nothing of the audit question leaks into the response', async () => {
    const response = await hub.query(await county('civil_affairs'), `{ children(first: 7) { edges { node { id name currentEnrollment { grade } } } } }`);
    const ids = response.body.data.children.edges.map((e: any) => e.node.id);
    expect(ids).toHaveLength(7);
    expect(JSON.stringify(response.body)).not.toMatch(/_lbc/);
    const entry = await entryFor(response);
    expect(entry.children.map((c) => c.childId)).toEqual([...ids].sort());
    const withEnrollment = response.body.data.children.edges.filter((e: any) => e.node.currentEnrollment).map((e: any) => e.node.id);
    for (const id of ids) {
      expect(coordinates(entry, id)).toEqual(['Child.id', ...(withEnrollment.includes(id) ? ['Child.currentEnrollment', 'Enrollment.grade'] : []), 'Child.name'].sort());
    }
  });

  it('denied fields, with the rule that denied them', async () => {
    const response = await hub.query(await county('youth_league'), `query($id: ID!) { child(id: $id) { name dropoutStatus } }`, { id: child.id });
    expect(response.body.data.child).toEqual({ name: child.name, dropoutStatus: null });
    const entry = await entryFor(response);
    expect(entry.outcome).toBe('partial');
    expect(entry.denied).toEqual([{ path: ['child', 'dropoutStatus'], coordinate: 'Child.dropoutStatus', fieldClass: 'PROTECTIVE', rule: 'protective-for-protection-agencies-only' }]);
    expect(coordinates(entry, child.id)).toEqual(['Child.name']);
  });

  it('masks identifiers in variables and literals', async () => {
    const response = await hub.query(await county('police'), `query($n: IdNumber!) { residentByIdNumber(idNumber: $n) { name } childByIdNumber(idNumber: "${child.idNumber}") { id } }`, {
      n: child.idNumber,
    });
    const entry = await entryFor(response);
    const masked = maskIdNumber(child.idNumber!);
    expect(entry.variables).toEqual({ n: masked });
    expect(entry.operationText).toContain(`"${masked}"`);
    expect(JSON.stringify(entry)).not.toContain(child.idNumber!);
  });

  it('masks identifiers written as integer literals, and in what callers write (case id, operation name)', async () => {
    const number = child.idNumber!.endsWith('X') ? null : child.idNumber!;
    const masked = maskIdNumber(child.idNumber!);
    if (number) {
      const response = await hub.query(await county('police'), `query Lookup${number} { childByIdNumber(idNumber: ${number}) { id } }`, {}, { 'x-lbc-case-id': number });
      const entry = await entryFor(response);
      expect(JSON.stringify(entry)).not.toContain(number);
      expect(entry.operationText).toContain(masked);
      expect(entry.caseId).toBe(masked);
    }
  });
});

describe('what callers cannot do to their entry', () => {
  it('no caller may use the audit’s reserved response keys', async () => {
    const response = await hub.query(await county('health'), `query($id: ID!) { child(id: $id) { _lbc0123456789ab: name birthDate } }`, { id: child.id });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]).toMatchObject({ message: expect.stringContaining('reserved'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((await entryFor(response)).outcome).toBe('rejected');
  });

  it('the marker never leaves, even from an object whose every field was skipped', async () => {
    const response = await hub.query(await county('health'), `query($id: ID!) { child(id: $id) { name @skip(if: true) } a: child(id: $id) { name } }`, { id: child.id });
    expect(response.body.errors).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toMatch(/_lbc/);
    const entry = await entryFor(response);
    expect(entry.children).toEqual([{ childId: child.id, fields: [expect.objectContaining({ coordinate: 'Child.name' })] }]);
  });
});

describe('refused and rejected attempts are recorded too', () => {
  it('x-lbc-authz: reject', async () => {
    const response = await hub.query(await county('youth_league'), `query($id: ID!) { child(id: $id) { riskFlags { guardianMissing } } }`, { id: child.id }, { 'x-lbc-authz': 'reject' });
    expect(response.body.data).toBeUndefined();
    expect((await entryFor(response)).outcome).toBe('rejected');
  });

  it('an untrusted token, and a missing purpose', async () => {
    const forged = await hub.token({ agency: 'police' }, { issuerKey: hub.untrustedKey });
    const unauthenticated = await hub.query(forged, '{ child(id: "LB000000001") { name } }');
    expect(unauthenticated.status).toBe(401);
    expect(await entryFor(unauthenticated)).toMatchObject({ principal: null, outcome: 'rejected', errorCodes: ['UNAUTHENTICATED'] });

    const noPurpose = await hub.query(await county('police'), '{ child(id: "LB000000001") { name } }', {}, { 'x-lbc-purpose': null });
    expect(noPurpose.status).toBe(400);
    expect(await entryFor(noPurpose)).toMatchObject({ principal: { agency: 'police' }, purpose: null, outcome: 'rejected', errorCodes: ['BAD_REQUEST'] });
  });

  it('an invalid operation', async () => {
    const response = await hub.query(await county('police'), '{ child(id: "LB000000001") { noSuchField } }');
    expect(response.status).toBe(400);
    expect(await entryFor(response)).toMatchObject({ outcome: 'rejected', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
  });
});

describe('the chain under load', () => {
  it('a concurrent burst through the gateway keeps one unbroken, verifiable chain', async () => {
    const token = await county('health');
    const before = await hub.hubDatabase.db
      .selectFrom('audit_entry')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const responses = await Promise.all(Array.from({ length: 40 }, () => hub.query(token, `query($id: ID!) { child(id: $id) { name } }`, { id: child.id })));
    expect(responses.every((r) => r.status === 200 && r.body.data.child.name === child.name)).toBe(true);
    // The gateway's public key: the head must carry its seal.
    const report = await verifyChain(readChain(hub.hubDatabase.db), await readCheckpoints(hub.hubDatabase.db), createLocalJWKSet({ keys: [publicJwkOf(hub.gatewayKey)] }));
    expect(report).toMatchObject({ ok: true, entries: Number(before.n) + 40 });
  });
});

describe('auditors, through the gateway', () => {
  it('see who read a child, which fields, and why — and their own reading is logged too', async () => {
    const read = await hub.query(await county('health'), `query($id: ID!) { child(id: $id) { name } }`, { id: child.id });
    const readId = read.headers.get('x-request-id');
    const auditor = await hub.token({ agency: 'audit', level: 'county', region: '431003', subject: 'auditor-1' });
    const history = await hub.query(
      auditor,
      `query($id: ID!) { childAccessHistory(childId: $id, first: 100) { edges { node { requestId principal { agency } purpose children { childId fields { coordinate masked } } } } } }`,
      { id: child.id },
      { 'x-lbc-purpose': 'SUPERVISION' },
    );
    expect(history.body.errors).toBeUndefined();
    const node = history.body.data.childAccessHistory.edges.map((e: any) => e.node).find((n: any) => n.requestId === readId);
    expect(node).toEqual({ requestId: readId, principal: { agency: 'health' }, purpose: 'CASE_MANAGEMENT', children: [{ childId: child.id, fields: [{ coordinate: 'Child.name', masked: false }] }] });
    expect(await entryFor(history)).toMatchObject({ principal: { agency: 'audit', subject: 'auditor-1' }, children: [], outcome: 'ok' });
  });

  it('nobody else reads the log, and auditors read no child data', async () => {
    const officer = await hub.query(await county('civil_affairs'), `{ accessLog(first: 5) { edges { node { seq } } } }`);
    expect(officer.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', rule: 'audit-log-for-auditors-only' });
    const auditor = await hub.token({ agency: 'audit', level: 'county', region: '431003' });
    const childData = await hub.query(auditor, `query($id: ID!) { child(id: $id) { name } }`, { id: child.id }, { 'x-lbc-purpose': 'SUPERVISION' });
    expect(childData.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', rule: 'auditors-read-no-child-data' });
  });
});

describe('accessExplain', () => {
  it('tells any caller how each field of an operation would be decided, without running it', async () => {
    const { body } = await hub.query(
      await county('youth_league'),
      `query($q: String!) { accessExplain(query: $q, purpose: CASE_MANAGEMENT) { purpose fields { path coordinate fieldClass effect rule } } }`,
      { q: '{ child(id: "LB000000001") { name idNumber dropoutStatus } }' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.accessExplain.fields).toEqual([
      { path: ['child'], coordinate: 'Query.child', fieldClass: 'BASIC', effect: 'allow', rule: 'basic-for-all-agencies' },
      { path: ['child', 'name'], coordinate: 'Child.name', fieldClass: 'BASIC', effect: 'allow', rule: 'basic-for-all-agencies' },
      { path: ['child', 'idNumber'], coordinate: 'Child.idNumber', fieldClass: 'IDENTIFIER', effect: 'mask', rule: 'identifier-masked-for-other-agencies' },
      { path: ['child', 'dropoutStatus'], coordinate: 'Child.dropoutStatus', fieldClass: 'PROTECTIVE', effect: 'deny', rule: 'protective-for-protection-agencies-only' },
    ]);
  });

  it('answers a query that does not validate with BAD_USER_INPUT', async () => {
    const { body } = await hub.query(await county('police'), `{ accessExplain(query: "{ child { nope } }", purpose: CASE_MANAGEMENT) { fields { path } } }`);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('fail-closed', () => {
  it('when the audit store is down, no data leaves: AUDIT_UNAVAILABLE, 503', async () => {
    // Runs last in this file: the audit store stays down.
    await hub.hubDatabase.close();
    const response = await hub.query(await county('health'), `query($id: ID!) { child(id: $id) { name birthDate } }`, { id: child.id });
    expect(response.status).toBe(503);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })]);
    expect(JSON.stringify(response.body)).not.toContain(child.name);
  });
});
