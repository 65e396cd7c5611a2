import { maskIdNumber } from '@lbc/schema';
import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '@lbc/scripts/seed/world';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Field-level authorization at the gateway, over real services: denied fields are never
 * requested from a subgraph, come back null with UNAUTHORIZED_FIELD_OR_TYPE at their
 * path, and identifiers are masked for agencies that may only tell records apart.
 */
let hub: Hub;
let world: SyntheticChild[];
let child: SyntheticChild;

beforeAll(async () => {
  hub = await startHub({ children: 40, scope: ['431003'], gateway: { breakGlass: true } });
  const places = await loadPlaces(['431003']);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: 40 }, (_, i) => generateChild(7, i, places, ids));
  child = world.find((c) => c.idNumber && c.guardian && c.status === 'ACTIVE')!;
});
afterAll(() => hub?.stop());
beforeEach(() => Object.values(hub.subgraphs).forEach((s) => s.database.statements.reset()));

const statements = () => Object.fromEntries(Object.entries(hub.subgraphs).map(([name, s]) => [name, s.database.statements.count]));
const as = (agency: any, level: any = 'county', region = { province: '43', city: '4310', county: '431003', town: '431003101', village: '431003101201' }[level as string]) =>
  hub.token({ agency, level, region });

describe('purpose', () => {
  it('is required, and must be one of the seven', async () => {
    const token = await as('civil_affairs');
    for (const purpose of [null, 'CURIOSITY']) {
      const { status, body } = await hub.query(token, '{ child(id: "LB000000001") { id } }', {}, { 'x-lbc-purpose': purpose });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors![0].message).toMatch(/purpose/);
    }
  });
});

describe('field decisions through the gateway', () => {
  it('masks identifiers for agencies outside owner / civil affairs / police, and marks each masked value', async () => {
    const query = `query($id: ID!) { child(id: $id) { name idNumber } }`;
    const justice = await hub.query(await as('justice'), query, { id: child.id });
    expect(justice.body.errors).toBeUndefined();
    expect(justice.body.data.child).toEqual({ name: child.name, idNumber: maskIdNumber(child.idNumber!) });
    expect(justice.body.extensions.authorization.masked).toEqual([{ path: ['child', 'idNumber'], coordinate: 'Child.idNumber', rule: 'identifier-masked-for-other-agencies' }]);

    // Same query text right after, by agencies entitled to the full value: no shared filtered document or plan.
    // Education holds every ID number in its student numbers, so masking it there would protect nothing.
    for (const agency of ['police', 'education']) {
      const full = await hub.query(await as(agency), query, { id: child.id });
      expect(full.body.data.child.idNumber).toBe(child.idNumber);
      expect(full.body.extensions).toBeUndefined();
    }
  });

  it('removes denied fields before planning: null at the path, an error naming the rule, no subgraph asked', async () => {
    const { status, body } = await hub.query(await as('youth_league'), `query($id: ID!) { child(id: $id) { name guardian { name phone } dropoutStatus } }`, { id: child.id });
    expect(status).toBe(200);
    expect(body.data).toEqual({ child: { name: child.name, guardian: null, dropoutStatus: null } });
    expect(body.errors).toEqual([
      {
        message: 'not authorized to read Child.guardian',
        path: ['child', 'guardian'],
        extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: 'Child.guardian', rule: 'contact-for-core-agencies-only' },
      },
      {
        message: 'not authorized to read Child.dropoutStatus',
        path: ['child', 'dropoutStatus'],
        extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: 'Child.dropoutStatus', rule: 'protective-for-protection-agencies-only' },
      },
    ]);
    // Only the child row was read: the guardian loader never ran and education was never called.
    expect(statements()).toEqual({ 'civil-affairs': 1, 'education-enrollment': 0, 'police-household': 0, health: 0, handoffs: 0 });
  });

  it('sees through named fragments, inline fragments and aliases', async () => {
    const query = `query($id: ID!) {
      child(id: $id) { ...Safe ... on Child { hidden: parentStatuses { edges { node { status } } } } }
    }
    fragment Safe on Child { name also: mentalHealthScreenings { edges { node { risk } } } }`;
    const { body } = await hub.query(await as('civil_affairs'), query, { id: child.id });
    expect(body.data.child).toEqual({ name: child.name, also: null, hidden: null });
    expect(body.errors!.map((e: any) => [e.path, e.extensions.rule])).toEqual([
      [['child', 'also'], 'sensitive-for-owner-or-open-case-only'],
      [['child', 'hidden'], 'sensitive-for-owner-or-open-case-only'],
    ]);
    expect(statements()['health']).toBe(0);
    expect(statements()['police-household']).toBe(0);
  });

  it('propagates null for a denied non-null field, as GraphQL does', async () => {
    const { body } = await hub.query(await as('youth_league'), `query($id: ID!) { child(id: $id) { name riskFlags { guardianMissing } } }`, { id: child.id });
    // RiskFlags! is non-null and denied to the Youth League: the child object goes, not just the flags.
    expect(body.data).toEqual({ child: null });
    expect(body.errors!.map((e: any) => e.path)).toEqual([['child', 'riskFlags']]);
  });

  it('a denied non-null field that @skip/@include leaves out neither nulls its parent nor is reported', async () => {
    const query = `query($id: ID!, $flags: Boolean!) { child(id: $id) { name riskFlags @include(if: $flags) { guardianMissing } } }`;
    const skipped = await hub.query(await as('youth_league'), query, { id: child.id, flags: false });
    expect(skipped.body).toEqual({ data: { child: { name: child.name } } });
    const asked = await hub.query(await as('youth_league'), query, { id: child.id, flags: true });
    expect(asked.body.data).toEqual({ child: null });
    expect(asked.body.errors!.map((e: any) => e.path)).toEqual([['child', 'riskFlags']]);
  });

  it('a city officer without SUPERVISION reads no child record', async () => {
    const { body } = await hub.query(await as('civil_affairs', 'city'), `query($id: ID!) { child(id: $id) { name } }`, { id: child.id });
    expect(body.data).toEqual({ child: null });
    expect(body.errors!.map((e: any) => e.extensions.rule)).toEqual(['city-and-province-read-aggregates-only']);
  });

  it('city SUPERVISION: basic and protective fields, identifiers masked, contact denied', async () => {
    const { body } = await hub.query(
      await as('civil_affairs', 'city'),
      `query($id: ID!) { child(id: $id) { name idNumber guardianCanAct guardian { phone } } }`,
      { id: child.id },
      { 'x-lbc-purpose': 'SUPERVISION' },
    );
    expect(body.data.child).toEqual({ name: child.name, idNumber: maskIdNumber(child.idNumber!), guardianCanAct: expect.any(Boolean), guardian: null });
    expect(body.errors!.map((e: any) => e.extensions.coordinate)).toEqual(['Child.guardian']);
  });

  it('STATISTICS reads aggregates only; auditors read no child data at all', async () => {
    const query = `{ region(code: "431003") { name registryStats { activeChildren } } child(id: "LB000000001") { name } }`;
    const statistics = await hub.query(await as('health'), query, {}, { 'x-lbc-purpose': 'STATISTICS' });
    // Under STATISTICS nobody has record access: counts come in bands of five.
    const active = world.filter((c) => c.status === 'ACTIVE').length;
    expect(statistics.body.data.region).toEqual({ name: '苏仙区', registryStats: { activeChildren: active < 5 ? null : active - (active % 5) } });
    expect(statistics.body.data.child).toBeNull();
    const audit = await hub.query(await as('audit'), query);
    expect(audit.body.data).toEqual({ region: null, child: null });
    expect(audit.body.errors!.every((e: any) => e.extensions.rule === 'auditors-read-no-child-data')).toBe(true);
  });

  it('break-glass: police in an EMERGENCY read another agency’s sensitive field with a written justification, flagged', async () => {
    const query = `query($id: ID!) { child(id: $id) { disability { grade } } }`;
    const emergency = { 'x-lbc-purpose': 'EMERGENCY' };
    const without = await hub.query(await as('police'), query, { id: child.id }, emergency);
    expect(without.body.errors![0].extensions.rule).toBe('sensitive-for-owner-or-open-case-only');
    const withReason = await hub.query(await as('police'), query, { id: child.id }, { ...emergency, 'x-lbc-justification': 'child found alone, guardian unreachable, checking medical needs' });
    expect(withReason.body.errors).toBeUndefined();
    expect(withReason.body.extensions.authorization.breakGlass).toBe(true);
  });
});

describe('modes (header x-lbc-authz)', () => {
  const query = `query($id: ID!) { child(id: $id) { name guardian { phone } } }`;

  it('reject: any denied field refuses the whole operation, and nothing is executed', async () => {
    const { body } = await hub.query(await as('justice'), query, { id: child.id }, { 'x-lbc-authz': 'reject' });
    expect(body.data).toBeUndefined();
    expect(body.errors!.map((e: any) => e.extensions.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(Object.values(statements()).every((n) => n === 0)).toBe(true);
  });

  it('dry-run: reports what would be removed or masked, executes nothing', async () => {
    const { body } = await hub.query(await as('justice'), `query($id: ID!) { child(id: $id) { name idNumber guardian { phone } } }`, { id: child.id }, { 'x-lbc-authz': 'dry-run' });
    expect(body.data).toBeNull();
    expect(body.extensions.authorization).toEqual({
      dryRun: true,
      wouldDeny: [{ path: ['child', 'guardian'], coordinate: 'Child.guardian', rule: 'contact-for-core-agencies-only' }],
      wouldMask: [{ path: ['child', 'idNumber'], coordinate: 'Child.idNumber', rule: 'identifier-masked-for-other-agencies' }],
    });
    expect(Object.values(statements()).every((n) => n === 0)).toBe(true);
  });

  it('refuses an unknown mode', async () => {
    const { status } = await hub.query(await as('justice'), query, { id: child.id }, { 'x-lbc-authz': 'off' });
    expect(status).toBe(400);
  });
});

describe('operation limits', () => {
  it('refuses operations deeper than 15 levels or with more than 30 aliases, before planning', async () => {
    const token = await as('civil_affairs');
    const deep = `{ provinces { edges { node { children { edges { node { children { edges { node { children { edges { node { children { edges { node { name } } } } } } } } } } } } } } } }`;
    const deepResult = await hub.query(token, deep);
    expect(deepResult.body.errors![0].message).toBe('the operation is 16 levels deep; at most 15 are allowed');
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: child(id: "LB000000001") { id }`).join(' ')} }`;
    const aliasResult = await hub.query(token, aliases);
    expect(aliasResult.body.errors![0].message).toBe('the document uses 31 aliases; at most 30 are allowed');
    expect(Object.values(statements()).every((n) => n === 0)).toBe(true);
  });
});
