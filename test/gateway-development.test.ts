import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/** A development gateway (what `pnpm start` runs): the local GraphiQL, introspection, suggestions. */
let hub: Hub;

beforeAll(async () => {
  hub = await startHub({ children: 0, gateway: { development: true } });
});
afterAll(() => hub?.stop());

describe('a development gateway', () => {
  it('serves the local GraphiQL, and sends a browser from / to it', async () => {
    const page = await fetch(`${hub.gatewayOrigin}/graphiql`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).not.toMatch(/https?:\/\//);
    const root = await fetch(`${hub.gatewayOrigin}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphiql');
  });

  it('answers introspection and names suggestions', async () => {
    const token = await hub.token({});
    const { body } = await hub.query(token, '{ __schema { queryType { name } } }');
    expect(body.data.__schema.queryType.name).toBe('Query');
    // What GraphiQL sends for its docs and completion: deep, fragment-heavy, within the limits.
    const full = await hub.query(token, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.__schema.types.map((t: { name: string }) => t.name)).toContain('Child');
    const typo = await hub.query(token, '{ chil(id: "1") { id } }');
    expect(typo.body.errors![0].message).toContain('Did you mean');
  });
});
