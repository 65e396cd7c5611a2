import { createInternalSigner, idNumberCheckChar, maskIdNumber, type Principal } from '@lbc/schema';
import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '@lbc/scripts/seed/world';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Lookups by identifier are no oracle. A caller who reads an ID number masked to its
 * registration area (`431003************`) also reads the child's birth date and sex,
 * which leave a few hundred candidates; if a lookup by ID number answered it, trying
 * them would recover the number. So only callers who read the identifier in full may look
 * a record up by it (the gateway's planner and every subgraph, rule
 * `lookup-needs-full-identifier`), and repeated lookups that find nothing are throttled
 * and reported in `accessAnomalies`.
 */
let hub: Hub;
let world: SyntheticChild[];
let child: SyntheticChild;

beforeAll(async () => {
  hub = await startHub({ children: 40, scope: ['431003'] });
  const places = await loadPlaces(['431003']);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: 40 }, (_, i) => generateChild(7, i, places, ids));
  child = world.find((c) => c.idNumber && c.status === 'ACTIVE' && c.school && c.household)!;
});
afterAll(() => hub?.stop());

const county = (agency: Principal['agency'], subject = `${agency}-officer`) => hub.token({ agency, level: 'county', region: '431003', subject });
const BY_ID_NUMBER = `query($n: IdNumber!) { childByIdNumber(idNumber: $n) { id name } }`;
const REFUSED = { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: 'Query.childByIdNumber', rule: 'lookup-needs-full-identifier' };

/** Valid ID numbers of the same area, birth date and sex as `of`, that no child of the world has: what a guesser would try. */
function candidates(of: string, count: number): string[] {
  const found: string[] = [];
  // The 17th digit is odd for boys, even for girls: keep its parity, vary the sequence.
  for (let sequence = 0; found.length < count && sequence < 1000; sequence += 2) {
    const body = `${of.slice(0, 14)}${String(sequence + (Number(of[16]) % 2)).padStart(3, '0')}`;
    const number = `${body}${idNumberCheckChar(body)}`;
    if (!world.some((c) => c.idNumber === number)) found.push(number);
  }
  return found;
}

describe('a caller who reads ID numbers masked', () => {
  it('reads the mask and the birth date, but cannot look the child up by the full number or any candidate: the same refusal, no subgraph asked, audited', async () => {
    const justice = await county('justice');
    const record = await hub.query(justice, `query($id: ID!) { child(id: $id) { idNumber birthDate sex } }`, { id: child.id });
    expect(record.body.errors).toBeUndefined();
    expect(record.body.data.child.idNumber).toBe(maskIdNumber(child.idNumber!));

    const answers: string[] = [];
    for (const n of [child.idNumber!, ...candidates(child.idNumber!, 3)]) {
      const response = await hub.query(justice, BY_ID_NUMBER, { n });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ childByIdNumber: null });
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0]).toMatchObject({ path: ['childByIdNumber'], extensions: REFUSED });
      answers.push(JSON.stringify(response.body));
      const entry = await hub.auditEntry(response.headers.get('x-request-id')!);
      expect(entry.fetches).toEqual([]);
      expect(entry.denied).toEqual([{ path: ['childByIdNumber'], coordinate: 'Query.childByIdNumber', fieldClass: 'BASIC', rule: 'lookup-needs-full-identifier' }]);
      expect(JSON.stringify(entry)).not.toContain(n);
    }
    // Nothing tells the true number from a wrong one.
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).not.toContain(child.id);
  });

  it('cannot look up by any identifier it reads masked: ID number, student number, household number', async () => {
    const justice = await county('justice');
    for (const [field, declaration, value] of [
      ['residentByIdNumber', 'idNumber: IdNumber!', child.idNumber!],
      ['healthRecordByIdNumber', 'idNumber: IdNumber!', child.idNumber!],
      ['enrollmentByStudentNumber', 'studentNumber: String!', child.school!.studentNumber],
    ] as const) {
      const [argument] = declaration.split(':');
      const { body } = await hub.query(justice, `query($v: ${declaration.split(': ')[1]}) { ${field}(${argument}: $v) { __typename } }`, { v: value });
      expect(body.data).toEqual({ [field]: null });
      expect(body.errors!.map((e: any) => [e.extensions.code, e.extensions.rule])).toEqual([['UNAUTHORIZED_FIELD_OR_TYPE', 'lookup-needs-full-identifier']]);
    }
    // Health reads household numbers masked (police and civil affairs read them in full).
    const health = await county('health');
    const household = await hub.query(health, `query($v: String!) { household(number: $v) { number } }`, { v: child.household!.number });
    expect(household.body.errors!.map((e: any) => e.extensions.rule)).toEqual(['lookup-needs-full-identifier']);
    expect((await hub.query(await county('police'), `query($v: String!) { household(number: $v) { number } }`, { v: child.household!.number })).body.data.household).toEqual({
      number: child.household!.number,
    });
  });

  it('is told so by accessExplain, before asking', async () => {
    const { body } = await hub.query(await county('womens_federation'), `query($q: String!) { accessExplain(query: $q, purpose: CASE_MANAGEMENT) { fields { path effect rule } } }`, {
      q: '{ childByIdNumber(idNumber: "11010519491231002X") { name } }',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.accessExplain.fields[0]).toEqual({ path: ['childByIdNumber'], effect: 'deny', rule: 'lookup-needs-full-identifier' });
  });

  it('is refused by the subgraphs too, even with a valid gateway token (defense in depth)', async () => {
    const signer = await createInternalSigner(hub.gatewayKey);
    const justice: Principal = { subject: 'replayed', issuer: 'https://test-idp.lbc-hub.local', agency: 'justice', level: 'county', region: '431003', roles: ['officer'] };
    const police: Principal = { ...justice, agency: 'police' };
    const post = async (service: 'civil-affairs' | 'police-household', principal: Principal, query: string, variables: Record<string, unknown>) => {
      const token = await signer.sign(principal, service, { requestId: `direct-${service}-${principal.agency}`, purpose: 'CASE_MANAGEMENT' });
      const response = await fetch(hub.subgraphs[service].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: any[] };
    };
    const byIdNumber = await post('civil-affairs', justice, BY_ID_NUMBER, { n: child.idNumber });
    expect(byIdNumber.data).toEqual({ childByIdNumber: null });
    expect(byIdNumber.errors!.map((e) => e.extensions.rule)).toEqual(['lookup-needs-full-identifier']);
    const ENTITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { id } } }`;
    const entity = await post('police-household', justice, ENTITY, { r: [{ __typename: 'Child', idNumber: child.idNumber }] });
    expect(entity.data!._entities).toEqual([null]);
    expect(entity.errors!.map((e) => e.extensions.rule)).toEqual(['lookup-needs-full-identifier']);
    // The same requests for a caller who reads ID numbers in full.
    expect((await post('civil-affairs', { ...justice, agency: 'civil_affairs' }, BY_ID_NUMBER, { n: child.idNumber })).data).toEqual({ childByIdNumber: { id: child.id, name: child.name } });
    expect((await post('police-household', police, ENTITY, { r: [{ __typename: 'Child', idNumber: child.idNumber }] })).data).toEqual({ _entities: [{ id: child.id }] });
  });
});

describe('a caller who reads ID numbers in full', () => {
  it('still looks children up by them', async () => {
    for (const agency of ['police', 'civil_affairs', 'education', 'health'] as const) {
      const { body } = await hub.query(await county(agency), BY_ID_NUMBER, { n: child.idNumber });
      expect(body.errors, agency).toBeUndefined();
      expect(body.data.childByIdNumber).toEqual({ id: child.id, name: child.name });
    }
  });

  it('leaves lookups that find nothing in the audit log, where accessAnomalies finds them', async () => {
    const typist = await county('police', 'typist');
    for (const n of candidates(child.idNumber!, 12)) {
      const { body } = await hub.query(typist, BY_ID_NUMBER, { n });
      expect(body.errors!.map((e: any) => [e.path, e.extensions.code, e.extensions.reason])).toEqual([[['childByIdNumber'], 'NOT_FOUND', 'NOT_FOUND_OR_OUTSIDE_JURISDICTION']]);
    }
    const found = (await failedLookupAnomalies()).filter((a: any) => a.subject === 'typist');
    expect(found).toEqual([
      { kind: 'FAILED_IDENTIFIER_LOOKUPS', subject: 'typist', value: 12, summary: '12 entries with lookups by identifier that found nothing or were refused (0 refused as throttled)' },
    ]);
  });

  it('is throttled after repeated lookups that find nothing, and the auditors see it', async () => {
    const guesser = await county('police', 'guesser');
    const statuses: string[] = [];
    for (const n of candidates(child.idNumber!, 25)) {
      const response = await hub.query(guesser, BY_ID_NUMBER, { n });
      const error = response.body.errors?.[0];
      statuses.push(error?.extensions.code ?? 'FOUND');
      if (error?.extensions.code === 'RATE_LIMITED') {
        // Refused before planning: no agency was asked, and the caller is told when to retry.
        expect(response.status).toBe(429);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
        const entry = await hub.auditEntry(response.headers.get('x-request-id')!);
        expect(entry.fetches).toEqual([]);
        expect(entry.errorCodes).toEqual(['RATE_LIMITED']);
      }
    }
    // Twenty misses in the window (the default), then refused.
    expect(statuses).toEqual([...Array(20).fill('NOT_FOUND'), ...Array(5).fill('RATE_LIMITED')]);
    // Another principal is not affected.
    const { body } = await hub.query(await county('police', 'colleague'), BY_ID_NUMBER, { n: child.idNumber });
    expect(body.data.childByIdNumber).toEqual({ id: child.id, name: child.name });

    expect((await failedLookupAnomalies()).filter((a: any) => a.subject === 'guesser')).toEqual([
      { kind: 'FAILED_IDENTIFIER_LOOKUPS', subject: 'guesser', value: 25, summary: '25 entries with lookups by identifier that found nothing or were refused (5 refused as throttled)' },
    ]);
  });
});

/** The FAILED_IDENTIFIER_LOOKUPS findings of the last hour, as the county's auditor gets them. */
async function failedLookupAnomalies() {
  const now = Date.now();
  const { body } = await hub.query(
    await hub.token({ agency: 'audit', level: 'county', region: '431003' }),
    `query($from: DateTime!, $to: DateTime!) { accessAnomalies(window: { from: $from, to: $to }) { kind subject value summary } }`,
    { from: new Date(now - 3600_000).toISOString(), to: new Date(now + 60_000).toISOString() },
    { 'x-lbc-purpose': 'SUPERVISION' },
  );
  expect(body.errors).toBeUndefined();
  return body.data.accessAnomalies.filter((a: any) => a.kind === 'FAILED_IDENTIFIER_LOOKUPS');
}
