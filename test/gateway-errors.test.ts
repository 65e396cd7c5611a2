import { newSigningKey } from '@lbc/scripts/keys/dev-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * A gateway whose signing key the subgraphs do not trust (a misconfigured rotation):
 * every subgraph answers 401. Callers must learn which agency failed, and nothing of
 * the internal topology (@apollo/gateway puts the subgraph URL in extensions.response).
 */
let hub: Hub;

beforeAll(async () => {
  const wrongKey = await newSigningKey('rotated-too-early');
  hub = await startHub({ children: 3, gateway: { signingKey: wrongKey.privateJwk } });
});
afterAll(() => hub?.stop());

describe('subgraph failures seen through the gateway', () => {
  it('names the agency service, hides URLs and status details, and returns no data', async () => {
    const { status, body } = await hub.query(await hub.token({}), '{ child(id: "LB000000001") { id name } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ child: null });
    expect(body.errors).toEqual([{ message: 'the civil-affairs service could not answer', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs' } }]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:|401/);
  });
});
