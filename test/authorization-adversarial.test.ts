import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Ways a caller might try to read a field it is denied: aliases, fragments, directives,
 * variables, entity hops, list pagination, __typename and introspection. Every attempt
 * must end with null at the field, an UNAUTHORIZED_FIELD_OR_TYPE error, and no value
 * anywhere in the response. The caller is the Youth League (no CONTACT, no PROTECTIVE).
 */
let hub: Hub;
let youth: string;
const SECRET_PHONE = /1[35789]\d{9}/;

beforeAll(async () => {
  hub = await startHub({ children: 30, scope: ['431003'] });
  youth = await hub.token({ agency: 'youth_league', level: 'county', region: '431003' });
});
afterAll(() => hub?.stop());

async function attempt(query: string, variables: Record<string, unknown> = {}, expectedStatus = 200) {
  const { status, body } = await hub.query(youth, query, variables);
  expect(status).toBe(expectedStatus);
  // Whatever the shape, no phone number may appear anywhere in what comes back.
  expect(JSON.stringify(body.data ?? null)).not.toMatch(SECRET_PHONE);
  return body;
}

describe('no leak of a denied field', () => {
  it('through an alias that borrows an allowed field name', async () => {
    const body = await attempt(`{ child(id: "LB000000001") { name: guardian { phone } realName: name } }`);
    expect(body.data!.child.name).toBeNull();
    expect(body.data!.child.realName).toEqual(expect.any(String));
    expect(body.errors!.map((e: any) => [e.path, e.extensions.coordinate])).toEqual([[['child', 'name'], 'Child.guardian']]);
  });

  it('through the same field asked twice, once plainly and once in a fragment with a directive', async () => {
    const body = await attempt(`query($yes: Boolean!) { child(id: "LB000000001") { father { phone } ...F } } fragment F on Child { father @include(if: $yes) { workPlace } }`, { yes: true });
    expect(body.data!.child.father).toBeNull();
    expect(body.errors!).toHaveLength(1);
  });

  it('through nested entity hops across subgraphs (school → its pupils → their guardians)', async () => {
    const body = await attempt(`{ schools(regionCode: "431003", first: 50) { edges { node { enrolledChildren(first: 50) { edges { node { name guardian { phone } } } } } } } }`);
    const pupils = body.data!.schools.edges.flatMap((s: any) => s.node.enrolledChildren.edges.map((e: any) => e.node));
    expect(pupils.length).toBeGreaterThan(0);
    expect(pupils.every((p: any) => p.guardian === null && typeof p.name === 'string')).toBe(true);
    expect(body.errors!.map((e: any) => e.path)).toEqual([['schools', 'edges', 'node', 'enrolledChildren', 'edges', 'node', 'guardian']]);
  });

  it('through list pagination: every page, every node', async () => {
    let after: string | null = null;
    let seen = 0;
    do {
      const body: any = await attempt(`query($after: String) { children(first: 7, after: $after) { edges { node { id guardian { phone } mother { phone } } } pageInfo { hasNextPage endCursor } } }`, {
        after,
      });
      for (const edge of body.data.children.edges) expect([edge.node.guardian, edge.node.mother]).toEqual([null, null]);
      seen += body.data.children.edges.length;
      after = body.data.children.pageInfo.hasNextPage ? body.data.children.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toBe(30);
  });

  it('through __typename inside a denied object (its existence is not revealed either)', async () => {
    const body = await attempt(`{ child(id: "LB000000001") { __typename guardian { __typename } } }`);
    expect(body.data!.child).toEqual({ __typename: 'Child', guardian: null });
  });

  it('through a root field reached only by a fragment on Query', async () => {
    const body = await attempt(`{ ...Reports } fragment Reports on Query { mandatoryReports(regionCode: "431003") { edges { node { details } } } }`);
    // The root field is non-null, so the whole data goes null: nothing at all is returned.
    expect(body.data).toBeNull();
    expect(body.errors!.map((e: any) => e.extensions.coordinate)).toEqual(['Query.mandatoryReports']);
  });

  it('through introspection: off outside development, so the schema itself is not disclosed', async () => {
    const body = await attempt(`{ __schema { types { name } } }`, {}, 400);
    expect(body.data).toBeUndefined();
    expect(body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('through federation internals: _entities and _service are not part of the gateway schema', async () => {
    for (const query of [`{ _entities(representations: [{ __typename: "Child", id: "LB000000001" }]) { ... on Child { guardian { phone } } } }`, `{ _service { sdl } }`]) {
      const body = await attempt(query, {}, 400);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('through a list filter on a fact the caller may not read (children with a risk flag)', async () => {
    const { body } = await hub.query(youth, `{ children(filter: { riskFlag: DISABILITY }) { edges { node { id } } } }`);
    expect(body.data).toBeNull();
    expect(body.errors!.map((e: any) => [e.extensions.code, e.extensions.coordinate])).toEqual([['UNAUTHORIZED_FIELD_OR_TYPE', 'ChildFilter.riskFlag']]);
  });

  it('through break-glass on a hub that has not enabled it: refused outright (no audit, no break-glass)', async () => {
    const police = await hub.token({ agency: 'police', level: 'county', region: '431003' });
    const { status, body } = await hub.query(
      police,
      `{ child(id: "LB000000001") { disability { grade } } }`,
      {},
      { 'x-lbc-purpose': 'EMERGENCY', 'x-lbc-justification': 'child found alone, guardian unreachable' },
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors![0].message).toBe('break-glass access is not enabled on this hub (x-lbc-justification)');
  });

  it('for a SENSITIVE field two agencies away, reached through a police report (education caller)', async () => {
    const education = await hub.token({ agency: 'education', level: 'county', region: '431003' });
    const { body } = await hub.query(education, `{ mandatoryReports(regionCode: "431003", first: 50) { edges { node { category details } } } }`);
    const nodes = body.data.mandatoryReports.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.details === null && typeof n.category === 'string')).toBe(true);
    expect(body.errors!.map((e: any) => e.extensions.coordinate)).toEqual(['MandatoryReport.details']);
  });
});
