import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * What the gateway answers to malformed, oversize, hostile and invalid requests, on a
 * production-mode hub (no introspection, no suggestions): always a typed JSON error with
 * the catalogue's status, never an HTML page, a stack trace or a file path, and never a
 * subgraph call for input the gateway can judge itself.
 */
let hub: Hub;
let token: string;
let childId: string;

beforeAll(async () => {
  hub = await startHub({ children: 3, gateway: { maxBodyBytes: 64 * 1024, rateLimit: { perMinute: 6_000, burst: 1_000 } } });
  token = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431003' });
  const { body } = await hub.query(token, '{ children(filter: { regionCode: "431003" }, first: 1) { edges { node { id } } } }');
  childId = body.data.children.edges[0].node.id;
});
afterAll(() => hub?.stop());

async function post(body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
}

/** Nothing about the gateway's insides: no stack frames, no file paths, no HTML. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/<html|<pre|\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+/i);
}

describe('malformed requests', () => {
  it('answers malformed JSON with 400 BAD_REQUEST as JSON, with or without a token', async () => {
    for (const headers of [{}, { authorization: '' }] as Record<string, string>[]) {
      const { status, body, text, headers: h } = await post('{"query": "{ child(id: 1) {', headers);
      expect(status, text).toBe(headers.authorization === '' ? 401 : 400);
      expect(h.get('content-type')).toMatch(/^application\/json/);
      expect(body.errors[0].extensions.code).toBe(headers.authorization === '' ? 'UNAUTHENTICATED' : 'BAD_REQUEST');
      expect(h.get('x-request-id')).toBeTruthy();
      expectNoInternals(text);
    }
  });

  it('refuses a body over the limit with 413 before executing it', async () => {
    const huge = JSON.stringify({ query: `{ child(id: "${childId}") { id } }`, variables: { pad: 'x'.repeat(10 * 1024 * 1024) } });
    const { status, body, text } = await post(huge);
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expectNoInternals(text);
  });

  it('refuses a body that is not JSON, not an object, a batch, or without a query', async () => {
    const cases: [string | Buffer, Record<string, string>][] = [
      ['query { x }', { 'content-type': 'text/plain' }],
      ['"just a string"', {}],
      ['[{"query":"{ __typename }"}]', {}],
      ['{"variables": {}}', {}],
      ['{"query": 42}', {}],
      ['{"query": "{ __typename }", "variables": [1]}', {}],
      ['', {}],
    ];
    for (const [raw, headers] of cases) {
      const { status, body, text } = await post(raw, headers);
      expect(status, String(raw)).toBe(400);
      expect(body.errors[0].extensions.code, String(raw)).toBe('BAD_REQUEST');
      expectNoInternals(text);
    }
  });

  it('answers an unknown operationName with 400 OPERATION_RESOLUTION_FAILURE, not 500', async () => {
    const { status, body } = await post(JSON.stringify({ query: `query A { child(id: "${childId}") { id } }`, operationName: 'B' }));
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('answers a subscription with 400 OPERATION_NOT_SUPPORTED, not 500', async () => {
    const { status, body } = await post(JSON.stringify({ query: 'subscription S { child(id: "1") { id } }' }));
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('OPERATION_NOT_SUPPORTED');
  });

  it('answers syntax errors with 400 GRAPHQL_PARSE_FAILED and schema mismatches with GRAPHQL_VALIDATION_FAILED, without suggestions', async () => {
    const parse = await post(JSON.stringify({ query: '{ child(id: "1") { id ' }));
    expect(parse.status).toBe(400);
    expect(parse.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await post(JSON.stringify({ query: '{ child(id: "1") { nam } }' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.text).not.toContain('Did you mean');
    const introspection = await post(JSON.stringify({ query: '{ __schema { types { name } } }' }));
    expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves no landing page in production: GET answers JSON, other methods 405', async () => {
    for (const path of ['/', '/graphql', '/graphiql', '/sandbox']) {
      const response = await fetch(`${hub.gatewayOrigin}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expectNoInternals(await response.text());
    }
    const put = await fetch(hub.gatewayUrl, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
  });
});

describe('limits that bound work', () => {
  /** Each fragment spreads the previous one twice: 2^levels fields from a document under 1 kB. */
  function fragmentBomb(levels: number): string {
    const fragments = [`fragment F0 on Child { id name }`];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Child { ...F${i - 1} ...F${i - 1} }`);
    return `query Bomb { child(id: "${childId}") { ...F${levels} } } ${fragments.join(' ')}`;
  }

  it('refuses fragments that multiply, quickly, and a concurrent request is answered in full', async () => {
    const bomb = fragmentBomb(30);
    expect(bomb.length).toBeLessThan(2_000);
    const [refused, normal] = await Promise.all([post(JSON.stringify({ query: bomb })), hub.query(token, `{ child(id: "${childId}") { id name } }`)]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxFields' });
    expect(refused.body.errors[0].message).toContain('more than a billion');
    expect(normal.body.errors).toBeUndefined();
    expect(normal.body.data.child.id).toBe(childId);
  });

  it('counts aliases, depth and directives as they would run, and tokens before parsing', async () => {
    const aliases = await post(
      JSON.stringify({
        query: `{ child(id: "${childId}") { ...A } } fragment A on Child { a1: id a2: id a3: id a4: id a5: id a6: id a7: id a8: id } query X { child(id: "${childId}") { ...A ...A ...A ...A } }`,
        operationName: 'X',
      }),
    );
    expect(aliases.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxAliases' });
    const deep = await post(JSON.stringify({ query: `{ child(id: "${childId}") { ${'residenceVillage { parent { '.repeat(8)} name ${'} } '.repeat(8)} } }` }));
    expect(deep.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxDepth' });
    const directives = await post(JSON.stringify({ query: `{ child(id: "${childId}") { ${Array.from({ length: 60 }, () => 'id @include(if: true)').join(' ')} } }` }));
    expect(directives.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxDirectives' });
    const tokens = await post(JSON.stringify({ query: `{ child(id: "${childId}") { ${'id '.repeat(6_000)} } }` }));
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(tokens.body.errors[0].message).toMatch(/tokens/);
  });

  it('refuses response keys the hub reserves for itself', async () => {
    const { body } = await post(JSON.stringify({ query: `{ child(id: "${childId}") { _lbcx: id } }` }));
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toContain('reserved');
  });
});

describe('input validated at the gateway', () => {
  const cases: { name: string; query: string; variables?: Record<string, unknown>; argument: string }[] = [
    { name: 'an ID number with a wrong check character (literal)', query: '{ childByIdNumber(idNumber: "431003201401010010") { id } }', argument: 'childByIdNumber.idNumber' },
    { name: 'an ID number with a wrong check character (variable)', query: 'query Q($n: IdNumber!) { childByIdNumber(idNumber: $n) { id } }', variables: { n: '431003201401010010' }, argument: '$n' },
    { name: 'an 11-digit division code', query: '{ region(code: "43100300100") { name } }', argument: 'region.code' },
    { name: 'an impossible date', query: '{ region(code: "431003") { schoolStats(asOf: "2024-02-30") { enrolledChildren } } }', argument: 'schoolStats.asOf' },
    { name: 'a NUL in a string', query: 'query Q($id: ID!) { child(id: $id) { id } }', variables: { id: 'LB\u0000001' }, argument: '$id' },
    { name: 'a lone surrogate in a string', query: 'query Q($n: String!) { household(number: $n) { number } }', variables: { n: 'ab\uD800cd' }, argument: '$n' },
    { name: 'a variable of the wrong JSON type', query: 'query Q($first: Int) { children(first: $first) { edges { node { id } } } }', variables: { first: 'ten' }, argument: '$first' },
  ];
  for (const c of cases) {
    it(`answers ${c.name} with BAD_USER_INPUT naming the argument, and calls no subgraph`, async () => {
      const response = await post(JSON.stringify({ query: c.query, variables: c.variables ?? {} }));
      expect(response.status, response.text).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: c.argument });
      expect(response.body.errors[0].message).toContain(c.argument);
      const entry = await hub.auditEntry(response.headers.get('x-request-id')!);
      expect(entry.fetches).toEqual([]);
      expect(entry.outcome).toBe('rejected');
      expect(entry.errorCodes).toEqual(['BAD_USER_INPUT']);
    });
  }

  it('still answers valid input', async () => {
    const { body } = await hub.query(token, '{ region(code: "431003") { name schoolStats(asOf: "2024-02-29") { enrolledChildren } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.region.name).toBeTruthy();
  });
});
