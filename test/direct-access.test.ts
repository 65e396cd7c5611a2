import { createInternalSigner, type Principal } from '@lbc/schema';
import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

let hub: Hub;
const principal: Principal = { subject: 'attacker', issuer: 'x', agency: 'civil_affairs', level: 'county', region: '431003', roles: [] };

beforeAll(async () => {
  hub = await startHub({ children: 5 });
});
afterAll(() => hub?.stop());

async function post(url: string, query: string, authorization?: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Child { id } } }`;
const REPS = { r: [{ __typename: 'Child', id: 'LB000000001' }] };

describe('subgraphs refuse anything but the gateway', () => {
  for (const name of ['civil-affairs', 'education-enrollment', 'police-household', 'health'] as const) {
    describe(name, () => {
      it('rejects _service and _entities without a token', async () => {
        for (const query of ['{ _service { sdl } }', ENTITIES]) {
          const { status, body } = await post(hub.subgraphs[name].url, query, undefined, REPS);
          expect(status).toBe(401);
          expect(body.data).toBeUndefined();
          expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
        }
      });

      it("rejects a caller's agency token, a token for another subgraph, a forged and an expired gateway token", async () => {
        const agencyToken = await hub.token({ agency: 'civil_affairs' });
        const gateway = await createInternalSigner(hub.gatewayKey);
        const other = name === 'health' ? 'civil-affairs' : 'health';
        const forger = await createInternalSigner(hub.untrustedKey);
        const expired = await new SignJWT({ agency: 'civil_affairs', level: 'county', region: '431003', roles: [], purpose: 'CASE_MANAGEMENT' })
          .setProtectedHeader({ alg: 'ES256', kid: hub.gatewayKey.kid! })
          .setIssuer('lbc-gateway')
          .setAudience(name)
          .setSubject('s')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
          .sign(await importJWK(hub.gatewayKey, 'ES256'));
        for (const token of [
          agencyToken,
          await gateway.sign(principal, other, { requestId: 'r1', purpose: 'CASE_MANAGEMENT' }),
          await forger.sign(principal, name, { requestId: 'r2', purpose: 'CASE_MANAGEMENT' }),
          expired,
        ]) {
          const { status, body } = await post(hub.subgraphs[name].url, ENTITIES, `Bearer ${token}`, REPS);
          expect(status).toBe(401);
          expect(body.data).toBeUndefined();
        }
      });

      it('answers a valid gateway token addressed to it (the check can pass)', async () => {
        const token = await (await createInternalSigner(hub.gatewayKey)).sign(principal, name, { requestId: 'r3', purpose: 'CASE_MANAGEMENT' });
        const { status, body } = await post(hub.subgraphs[name].url, '{ _service { sdl } }', `Bearer ${token}`);
        expect(status).toBe(200);
        expect(body.data._service.sdl).toContain('type Child');
      });
    });
  }
});

describe('a replayed gateway token gains nothing', () => {
  it('asking a subgraph directly for fields the principal is denied: the subgraph applies the field rules itself', async () => {
    // A genuine gateway token for a Youth League officer, captured and replayed with a different query.
    const youth: Principal = { ...principal, agency: 'youth_league' };
    const token = await (await createInternalSigner(hub.gatewayKey)).sign(youth, 'civil-affairs', { requestId: 'r4', purpose: 'CASE_MANAGEMENT' });
    const { status, body } = await post(
      hub.subgraphs['civil-affairs'].url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { name guardian { phone } riskFlags { guardianMissing } } } }`,
      `Bearer ${token}`,
      REPS,
    );
    expect(status).toBe(200);
    expect(JSON.stringify(body.data)).not.toMatch(/1[35789]\d{9}/);
    const refused = (body.errors ?? []).map((e: any) => [e.extensions.code, e.extensions.coordinate]);
    expect(refused).toContainEqual(['UNAUTHORIZED_FIELD_OR_TYPE', 'Child.guardian']);
    expect(refused).toContainEqual(['UNAUTHORIZED_FIELD_OR_TYPE', 'Child.riskFlags']);
  });
});

describe('the gateway refuses callers it cannot authenticate', () => {
  const QUERY = '{ child(id: "LB000000001") { id } }';

  it('without a token, with an untrusted issuer, an expired token or another audience: 401 and no data', async () => {
    const tokens = [
      null,
      await hub.token({}, { issuerKey: hub.untrustedKey }),
      await hub.token({}, { issuer: 'https://evil.example' }),
      await hub.token({}, { expiresIn: '-1m' }),
      await hub.token({}, { audience: 'some-other-hub' }),
    ];
    for (const token of tokens) {
      const { status, body } = await hub.query(token, QUERY);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers a valid token and names the request id', async () => {
    const { status, body, headers } = await hub.query(await hub.token({}), QUERY, {}, { 'x-request-id': 'agency-req-0001' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ child: { id: 'LB000000001' } });
    // The caller's id, made unique by a suffix of ours: two requests can never share one.
    expect(headers.get('x-request-id')).toMatch(/^agency-req-0001~[0-9a-f]{8}$/);
  });
});
