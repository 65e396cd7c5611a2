import { createInternalSigner, type Principal, type VerifiedCase } from '@lbc/schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * SENSITIVE data of another agency, opened for one child: by a protection case (civil
 * affairs or police, ASSESSMENT or EMERGENCY, x-lbc-case-id of an OPEN case of that child,
 * verified with civil affairs before planning), or by break-glass (police, EMERGENCY,
 * x-lbc-justification, one child looked up directly, a sign-in within 15 minutes). Over
 * the whole hub: the police caller reads the health subgraph's immunisations.
 */
let hub: Hub;
let openCase: { id: string; childId: string };
let closedCase: { id: string; childId: string };
let otherChild: string;
let otherIdNumber: string;
let reference: unknown;

const RECORD = `immunisations(first: 3) { edges { node { vaccine dose givenOn } } }`;
const BY_ID = `query($id: ID!) { child(id: $id) { name ${RECORD} } }`;
const JUSTIFICATION = 'child found alone at home, guardian unreachable since Friday';

beforeAll(async () => {
  hub = await startHub({ children: 40, scope: ['431003'], gateway: { breakGlass: true } });
  const db = hub.subgraphs['civil-affairs'].database.db;
  const cases = await db.selectFrom('protection_case').select(['id', 'child_id', 'status']).orderBy('id').execute();
  const pick = (status: string) => {
    const row = cases.find((c: any) => c.status === status);
    if (!row) throw new Error(`the seeded world has no ${status} protection case: seed more children`);
    return { id: String(row.id), childId: row.child_id as string };
  };
  openCase = pick('OPEN');
  closedCase = pick('CLOSED');
  const other = await db
    .selectFrom('child')
    .select(['id', 'id_number'])
    .where(
      'id',
      'not in',
      cases.map((c: any) => c.child_id),
    )
    .where('id_number', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  otherChild = other.id;
  otherIdNumber = other.id_number;
  // What the health agency itself reads: the value a case must open, unchanged.
  const health = await hub.query(await hub.token({ agency: 'health' }), BY_ID, { id: openCase.childId });
  expect(health.body.errors).toBeUndefined();
  reference = health.body.data.child.immunisations;
  expect(reference).toEqual({ edges: expect.arrayContaining([expect.objectContaining({ node: expect.objectContaining({ vaccine: expect.any(String) }) })]) });
});
afterAll(() => hub?.stop());

const police = (extra: Partial<Principal> = {}) => hub.token({ agency: 'police', level: 'county', region: '431003', ...extra });
const rules = (body: any) => (body.errors ?? []).map((e: any) => [e.path.join('.'), e.extensions.rule]);
const statements = () => hub.subgraphs['civil-affairs'].database.statements;

describe('a protection case opens SENSITIVE fields of its own child', () => {
  it('police assessing an open case read the health record of the case’s child, after one case check', async () => {
    statements().reset();
    const { body } = await hub.query(await police(), BY_ID, { id: openCase.childId }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.child.immunisations).toEqual(reference);
    // The case check and the child's name: one statement each in civil affairs.
    expect(statements().count).toBe(2);
  });

  it('civil affairs in an EMERGENCY too, with the child id written in the query', async () => {
    const { body } = await hub.query(
      await hub.token({ agency: 'civil_affairs' }),
      `{ child(id: "${openCase.childId}") { ${RECORD} } }`,
      {},
      { 'x-lbc-purpose': 'EMERGENCY', 'x-lbc-case-id': openCase.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.child.immunisations).toEqual(reference);
  });

  it('the same case id for another child: denied', async () => {
    const { body } = await hub.query(await police(), BY_ID, { id: otherChild }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id });
    expect(body.data.child).toEqual({ name: expect.any(String), immunisations: null });
    expect(rules(body)).toEqual([['child.immunisations', 'sensitive-case-is-for-another-child']]);
  });

  it('the case’s child reached through its household (a sibling hop): denied', async () => {
    const query = `query($id: ID!) { child(id: $id) { ${RECORD} household { household { members { edges { node { id ${RECORD} } } } } } } }`;
    const { body } = await hub.query(await police(), query, { id: openCase.childId }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id });
    expect(body.data.child.immunisations).toEqual(reference);
    const members = body.data.child.household.household.members.edges.map((e: any) => e.node);
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((m: any) => m.immunisations === null)).toBe(true);
    expect(rules(body)).toEqual([['child.household.household.members.edges.node.immunisations', 'sensitive-case-is-for-another-child']]);
  });

  it('a closed case, an unknown case and a case outside the caller’s jurisdiction: denied alike, never an error about the case', async () => {
    const elsewhere = await hub.token({ agency: 'police', level: 'county', region: '431002' });
    for (const [token, caseId, childId] of [
      [await police(), closedCase.id, closedCase.childId],
      [await police(), '987654321', openCase.childId],
      [elsewhere, openCase.id, openCase.childId],
    ] as const) {
      const { status, body } = await hub.query(token, `query($id: ID!) { child(id: $id) { ${RECORD} } }`, { id: childId }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': caseId });
      expect(status).toBe(200);
      expect(body.data?.child?.immunisations ?? null).toBeNull();
      const sensitive = (body.errors ?? []).filter((e: any) => e.extensions.code === 'UNAUTHORIZED_FIELD_OR_TYPE');
      expect(sensitive.map((e: any) => e.extensions.rule)).toEqual(['case-not-open-or-not-found']);
    }
  });

  it('no case: denied; a case for a purpose or an agency it does not serve: not even checked', async () => {
    const none = await hub.query(await police(), BY_ID, { id: openCase.childId }, { 'x-lbc-purpose': 'ASSESSMENT' });
    expect(rules(none.body)).toEqual([['child.immunisations', 'sensitive-for-owner-or-open-case-only']]);
    statements().reset();
    const management = await hub.query(await police(), BY_ID, { id: openCase.childId }, { 'x-lbc-purpose': 'CASE_MANAGEMENT', 'x-lbc-case-id': openCase.id });
    expect(rules(management.body)).toEqual([['child.immunisations', 'sensitive-for-owner-or-open-case-only']]);
    const education = await hub.query(await hub.token({ agency: 'education' }), BY_ID, { id: openCase.childId }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id });
    expect(rules(education.body)).toEqual([['child.immunisations', 'sensitive-for-owner-or-open-case-only']]);
    // Only the children's names were read in civil affairs: no case check.
    expect(statements().count).toBe(2);
  });

  it('dry-run reports the case’s decisions without executing', async () => {
    const { body } = await hub.query(await police(), BY_ID, { id: otherChild }, { 'x-lbc-purpose': 'ASSESSMENT', 'x-lbc-case-id': openCase.id, 'x-lbc-authz': 'dry-run' });
    expect(body.extensions.authorization.wouldDeny).toEqual([{ path: ['child', 'immunisations'], coordinate: 'Child.immunisations', rule: 'sensitive-case-is-for-another-child' }]);
  });
});

describe('break-glass opens one child looked up directly, for a recent sign-in', () => {
  const emergency = { 'x-lbc-purpose': 'EMERGENCY', 'x-lbc-justification': JUSTIFICATION };

  it('a single child by id or by ID number: allowed and flagged', async () => {
    const byId = await hub.query(await police(), BY_ID, { id: openCase.childId }, emergency);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data.child.immunisations).toEqual(reference);
    expect(byId.body.extensions.authorization.breakGlass).toBe(true);
    const byNumber = await hub.query(await police(), `query($n: IdNumber!) { residentByIdNumber(idNumber: $n) { id ${RECORD} } }`, { n: otherIdNumber }, emergency);
    expect(byNumber.body.errors).toBeUndefined();
    expect(byNumber.body.data.residentByIdNumber.immunisations).not.toBeNull();
  });

  it('a list of children: denied', async () => {
    const { body } = await hub.query(await police(), `{ children(first: 5) { edges { node { id ${RECORD} } } } }`, {}, emergency);
    const nodes = body.data.children.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(5);
    expect(nodes.every((n: any) => n.immunisations === null)).toBe(true);
    expect(rules(body)).toEqual([['children.edges.node.immunisations', 'break-glass-for-one-child-looked-up-directly']]);
    expect(body.extensions?.authorization?.breakGlass).toBeUndefined();
  });

  it('two children in one operation (two aliases, two agencies): neither is opened', async () => {
    const query = `query($a: ID!, $b: ID!) { a: child(id: $a) { name ${RECORD} } b: child(id: $b) { name counsellingSessions(first: 3) { edges { node { notes } } } } }`;
    const { body } = await hub.query(await police(), query, { a: openCase.childId, b: otherChild }, emergency);
    expect(body.data.a).toEqual({ name: expect.any(String), immunisations: null });
    expect(body.data.b).toEqual({ name: expect.any(String), counsellingSessions: null });
    expect(rules(body).sort()).toEqual([
      ['a.immunisations', 'break-glass-for-one-child-per-request'],
      ['b.counsellingSessions', 'break-glass-for-one-child-per-request'],
    ]);
    expect(body.extensions?.authorization?.breakGlass).toBeUndefined();
  });

  it('one child by hub id and one by ID number: they cannot be told apart, so neither is opened', async () => {
    const query = `query($a: ID!, $n: IdNumber!) { a: child(id: $a) { ${RECORD} } b: residentByIdNumber(idNumber: $n) { ${RECORD} } }`;
    const { body } = await hub.query(await police(), query, { a: openCase.childId, n: otherIdNumber }, emergency);
    expect(rules(body).sort()).toEqual([
      ['a.immunisations', 'break-glass-for-one-child-per-request'],
      ['b.immunisations', 'break-glass-for-one-child-per-request'],
    ]);
  });

  it('the same child through two aliases: opened, once', async () => {
    const query = `query($id: ID!) { a: child(id: $id) { ${RECORD} } b: child(id: "${openCase.childId}") { name ${RECORD} } }`;
    const { body } = await hub.query(await police(), query, { id: openCase.childId }, emergency);
    expect(body.errors).toBeUndefined();
    expect(body.data.a.immunisations).toEqual(reference);
    expect(body.data.b.immunisations).toEqual(reference);
    expect(body.extensions.authorization.breakGlass).toBe(true);
  });

  it('a token issued more than 15 minutes ago: denied', async () => {
    // Mint the token as if 20 minutes ago: it is still valid, but its sign-in is too old to break the glass.
    vi.useFakeTimers({ toFake: ['Date'] });
    let stale: string;
    try {
      vi.setSystemTime(Date.now() - 20 * 60_000);
      stale = await police();
    } finally {
      vi.useRealTimers();
    }
    const { body } = await hub.query(stale, BY_ID, { id: openCase.childId }, emergency);
    expect(body.data.child).toEqual({ name: expect.any(String), immunisations: null });
    expect(rules(body)).toEqual([['child.immunisations', 'break-glass-needs-sign-in-within-15-minutes']]);
  });
});

describe('the subgraph re-checks with the case and sign-in time the gateway vouched for', () => {
  const IMMUNISATIONS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { id immunisations(first: 1) { edges { node { vaccine } } } } } }`;
  const officer: Principal = { subject: 'replayer', issuer: 'x', agency: 'police', level: 'county', region: '431003', roles: [] };

  async function direct(principal: Principal, request: { purpose: 'ASSESSMENT' | 'EMERGENCY'; case?: VerifiedCase; justification?: string; breakGlassChild?: string }, childIds: string[]) {
    const token = await (await createInternalSigner(hub.gatewayKey)).sign(principal, 'health', { requestId: 'direct-1', ...request });
    const response = await fetch(hub.subgraphs.health.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: IMMUNISATIONS, variables: { r: childIds.map((id) => ({ __typename: 'Child', id })) } }),
    });
    const body = (await response.json()) as { data: { _entities: any[] }; errors?: any[] };
    return { readable: body.data._entities.map((e) => e?.immunisations !== null && e?.immunisations !== undefined), rules: (body.errors ?? []).map((e) => e.extensions.rule) };
  }

  it('a token carrying a verified case reads that child only', async () => {
    const result = await direct(officer, { purpose: 'ASSESSMENT', case: openCase }, [openCase.childId, otherChild]);
    expect(result).toEqual({ readable: [true, false], rules: ['sensitive-case-is-for-another-child'] });
  });

  it('break-glass reads the first child of a request only, and only after a recent sign-in', async () => {
    const now = Math.floor(Date.now() / 1000);
    const fresh = await direct({ ...officer, authenticatedAt: now - 60 }, { purpose: 'EMERGENCY', justification: JUSTIFICATION }, [openCase.childId, otherChild]);
    expect(fresh).toEqual({ readable: [true, false], rules: ['break-glass-for-one-child-looked-up-directly'] });
    const stale = await direct({ ...officer, authenticatedAt: now - 20 * 60 }, { purpose: 'EMERGENCY', justification: JUSTIFICATION }, [openCase.childId]);
    expect(stale).toEqual({ readable: [false], rules: ['break-glass-needs-sign-in-within-15-minutes'] });
  });

  it('break-glass reads only the child the token names, whichever fetch reads it', async () => {
    // The gateway names the child when it granted break-glass for a child(id:) lookup: a
    // second fetch of the same request (another subgraph request) cannot open another child.
    const signedIn = { ...officer, authenticatedAt: Math.floor(Date.now() / 1000) - 60 };
    const named = { purpose: 'EMERGENCY' as const, justification: JUSTIFICATION, breakGlassChild: openCase.childId };
    expect(await direct(signedIn, named, [otherChild])).toEqual({ readable: [false], rules: ['break-glass-for-one-child-per-request'] });
    expect(await direct(signedIn, named, [openCase.childId])).toEqual({ readable: [true], rules: [] });
  });
});
