import { createInternalSigner } from '@lbc/schema';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { PrincipalForwardingDataSource } from '../src/forward/forward-principal.ts';

/**
 * A subgraph's non-2xx answer: a refusal of the request itself (a typed 4xx) is the
 * caller's to hear, as such; anything else is an outage that names only the agency.
 */
async function dataSource() {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'forward-test' };
  return new PrincipalForwardingDataSource('civil-affairs', await createInternalSigner(jwk), { url: 'http://127.0.0.1:1/graphql' });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('errors from a subgraph answer', () => {
  it('passes a typed 4xx refusal through with its code and the agency, not as an outage', async () => {
    const error = await (await dataSource()).errorFromResponse(json(400, { errors: [{ message: 'idNumber: bad check character', extensions: { code: 'BAD_USER_INPUT' } }] }) as never);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', serviceName: 'civil-affairs' });
    expect(error.message).toBe('idNumber: bad check character');
  });

  it('reports a refused token, an HTML page or an unknown code as SUBGRAPH_UNAVAILABLE, without the body', async () => {
    const source = await dataSource();
    for (const response of [
      json(401, { errors: [{ message: 'the gateway token is invalid', extensions: { code: 'UNAUTHENTICATED' } }] }),
      new Response('<html>502 Bad Gateway</html>', { status: 502 }),
      json(500, { errors: [{ message: 'x', extensions: { code: 'SOMETHING_ELSE' } }] }),
    ]) {
      const error = await source.errorFromResponse(response as never);
      expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs' });
      expect(error.message).toBe('the civil-affairs service could not answer');
    }
  });
});
