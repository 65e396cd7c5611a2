import { createInternalSigner, createInternalVerifier, type Principal } from '@lbc/schema';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestAccess } from '../src/authorization/request-access.ts';
import { caseCheckUrl, createCaseVerifier, type VerifyCase } from '../src/authorization/verify-case.ts';

/**
 * The gateway's case check over real HTTP, against a stand-in for civil affairs that
 * verifies the gateway token like the subgraph does and answers what it is told to. Every
 * answer but an OPEN case of the asked id leaves the case unverified, and nothing throws.
 */
const police: Principal = { subject: 'p', issuer: 'i', agency: 'police', level: 'county', region: '431003', roles: [], authenticatedAt: 1 };
const assessing: RequestAccess = { purpose: 'ASSESSMENT', mode: 'filter', caseId: '42' };
let answer: { status: number; body: unknown };
let asked: { caseId?: unknown; purpose?: string; agency?: string }[] = [];
let server: Server;
let verify: VerifyCase;
let url: string;

async function newSigningKey(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}

beforeAll(async () => {
  const keys = await newSigningKey('test-gateway');
  const verifyToken = createInternalVerifier({ keys: [keys.publicJwk] }, 'civil-affairs');
  // A test server's own failure answers 500 (and fails the test), never an unhandled rejection.
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    try {
      const token = await verifyToken(String(req.headers.authorization).slice('Bearer '.length));
      asked.push({ caseId: JSON.parse(raw).variables.id, purpose: token.purpose, agency: token.principal.agency });
    } catch {
      res.writeHead(401).end('{}');
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  };
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  verify = createCaseVerifier({ url, signer: await createInternalSigner(keys.privateJwk), timeoutMs: 2000 });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const check = (data: unknown) => ({ status: 200, body: { data: { _caseForAccessCheck: data } } });

describe('createCaseVerifier', () => {
  it('verifies an OPEN case with one call to civil affairs, as the caller and for its purpose', async () => {
    asked = [];
    answer = check({ caseId: '42', childId: 'LB000000007', status: 'OPEN' });
    expect(await verify({ principal: police, access: assessing, requestId: 'r-1' })).toEqual({ id: '42', childId: 'LB000000007' });
    expect(asked).toEqual([{ caseId: '42', purpose: 'ASSESSMENT', agency: 'police' }]);
  });

  it('leaves a closed, unknown, mismatched or failed check unverified, without throwing', async () => {
    for (const response of [
      check({ caseId: '42', childId: 'LB000000007', status: 'CLOSED' }),
      check(null),
      check({ caseId: '43', childId: 'LB000000007', status: 'OPEN' }),
      { status: 200, body: { data: null, errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } },
      { status: 503, body: {} },
    ]) {
      answer = response;
      expect(await verify({ principal: police, access: assessing, requestId: 'r-2' }), JSON.stringify(response)).toEqual({ id: '42' });
    }
    const unreachable = createCaseVerifier({ url: 'http://127.0.0.1:1/', signer: await createInternalSigner((await newSigningKey('k')).privateJwk), timeoutMs: 2000 });
    expect(await unreachable({ principal: police, access: assessing, requestId: 'r-3' })).toEqual({ id: '42' });
  });

  it('asks nothing when no case is named, or no case could open sensitive fields for this caller and purpose', async () => {
    asked = [];
    answer = check({ caseId: '42', childId: 'LB000000007', status: 'OPEN' });
    expect(await verify({ principal: police, access: { purpose: 'ASSESSMENT', mode: 'filter' }, requestId: 'r-4' })).toBeUndefined();
    expect(await verify({ principal: police, access: { ...assessing, purpose: 'CASE_MANAGEMENT' }, requestId: 'r-5' })).toBeUndefined();
    expect(await verify({ principal: { ...police, agency: 'education' }, access: assessing, requestId: 'r-6' })).toBeUndefined();
    expect(await verify({ principal: { ...police, level: 'city', region: '4310' }, access: assessing, requestId: 'r-7' })).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('goes to the configured civil-affairs URL, else to the one in the supergraph', () => {
    const sdl = 'enum join__Graph { CIVIL_AFFAIRS @join__graph(name: "civil-affairs", url: "http://127.0.0.1:4001/graphql") }';
    expect(caseCheckUrl({ 'civil-affairs': 'http://ca.internal/graphql' }, sdl)).toBe('http://ca.internal/graphql');
    expect(caseCheckUrl({}, sdl)).toBe('http://127.0.0.1:4001/graphql');
  });
});
