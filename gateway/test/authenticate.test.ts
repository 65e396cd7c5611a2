import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticate, type Authenticate } from '../src/authorization/authenticate.ts';

const ISSUER = 'https://idp.mca.example';
const POLICE_ISSUER = 'https://idp.police.example';
let trustedKey: JWK;
let policeKey: JWK;
let strangerKey: JWK;
let authenticate: Authenticate;

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), kid }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}

const goodClaims = { agency: 'civil_affairs', level: 'county', region: '431003', roles: ['officer'] };

async function sign(key: JWK, claims: Record<string, unknown> = goodClaims, opts: { iss?: string; aud?: string; exp?: string | number; iat?: number | null; sub?: string | null } = {}) {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid! })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? 'lbc-hub');
  if (opts.sub !== null) jwt = jwt.setSubject(opts.sub ?? 'officer-1');
  if (opts.iat !== null) jwt = jwt.setIssuedAt(opts.iat);
  if (opts.exp !== undefined) jwt = jwt.setExpirationTime(opts.exp);
  else jwt = jwt.setExpirationTime('1h');
  return jwt.sign(await importJWK(key, 'ES256'));
}

async function rejection(authorization: string | undefined) {
  const error = await authenticate(authorization).then(
    () => null,
    (e) => e,
  );
  expect(error, 'expected the token to be rejected').not.toBeNull();
  expect(error.extensions.code).toBe('UNAUTHENTICATED');
  expect(error.extensions.http.status).toBe(401);
  return error;
}

beforeAll(async () => {
  const mca = await keyPair('mca-1');
  const police = await keyPair('police-1');
  const stranger = await keyPair('mca-1');
  trustedKey = mca.privateJwk;
  policeKey = police.privateJwk;
  strangerKey = stranger.privateJwk;
  authenticate = createAuthenticate('lbc-hub', [
    { issuer: ISSUER, keys: createLocalJWKSet({ keys: [mca.publicJwk] }), algorithms: ['ES256'], agencies: ['civil_affairs'] },
    { issuer: POLICE_ISSUER, keys: createLocalJWKSet({ keys: [police.publicJwk] }), algorithms: ['ES256'], agencies: ['police'] },
  ]);
});

describe('authenticate', () => {
  it('turns a valid agency token into a principal', async () => {
    const principal = await authenticate(`Bearer ${await sign(trustedKey, { ...goodClaims, org: 'CL-431003101' })}`);
    expect(principal).toEqual({ subject: 'officer-1', issuer: ISSUER, agency: 'civil_affairs', level: 'county', region: '431003', roles: ['officer'], org: 'CL-431003101' });
  });

  it('knows when the caller signed in (break-glass asks) only from auth_time, never from iat', async () => {
    const now = Math.floor(Date.now() / 1000);
    // No auth_time: issued two minutes ago says nothing about when the user signed in.
    expect((await authenticate(`Bearer ${await sign(trustedKey, goodClaims, { iat: now - 120 })}`)).authenticatedAt).toBeUndefined();
    // A refreshed token: issued now, for a sign-in an hour ago.
    expect((await authenticate(`Bearer ${await sign(trustedKey, { ...goodClaims, auth_time: now - 3600 }, { iat: now })}`)).authenticatedAt).toBe(now - 3600);
  });

  it('requires a bearer token', async () => {
    expect((await rejection(undefined)).message).toContain('bearer token is required');
    await rejection('Basic dXNlcjpwYXNz');
  });

  it('rejects a token from an untrusted issuer, or signed by an unknown key', async () => {
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { iss: 'https://evil.example' })}`);
    await rejection(`Bearer ${await sign(strangerKey)}`);
  });

  it('rejects expired tokens, tokens for another audience, and tokens without exp, iat or sub', async () => {
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { exp: Math.floor(Date.now() / 1000) - 120 })}`);
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { aud: 'another-system' })}`);
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { iat: null })}`);
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { sub: null })}`);
    const noExp = await new SignJWT(goodClaims)
      .setProtectedHeader({ alg: 'ES256', kid: 'mca-1' })
      .setIssuer(ISSUER)
      .setAudience('lbc-hub')
      .setSubject('x')
      .setIssuedAt()
      .sign(await importJWK(trustedKey, 'ES256'));
    await rejection(`Bearer ${noExp}`);
  });

  it('rejects tokens living longer than 12 hours since issue, whatever their exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { iat: now - 13 * 3600, exp: now + 3600 })}`);
  });

  it("rejects an algorithm outside the issuer's allowlist, even when the signature is valid", async () => {
    // The civil-affairs issuer is configured for ES256 only; a valid ES384 signature from a key in its JWKS must not pass.
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const strict = createAuthenticate('lbc-hub', [
      { issuer: ISSUER, keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'p384' }] }), algorithms: ['ES256'], agencies: ['civil_affairs'] },
    ]);
    const token = await new SignJWT(goodClaims)
      .setProtectedHeader({ alg: 'ES384', kid: 'p384' })
      .setIssuer(ISSUER)
      .setAudience('lbc-hub')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const error = await strict(`Bearer ${token}`).then(
      () => null,
      (e) => e,
    );
    expect(error?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a token issued in the future (beyond the clock tolerance)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejection(`Bearer ${await sign(trustedKey, goodClaims, { iat: now + 600, exp: now + 3600 })}`);
  });

  it('rejects unsigned (alg: none) and tampered tokens', async () => {
    const good = await sign(trustedKey);
    const [, payload] = good.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    await rejection(`Bearer ${none}`);
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), level: 'province', region: '43' })).toString('base64url');
    const [header, , signature] = good.split('.');
    await rejection(`Bearer ${header}.${elevated}.${signature}`);
  });

  it('rejects an issuer speaking for an agency it does not represent', async () => {
    await rejection(`Bearer ${await sign(policeKey, goodClaims, { iss: POLICE_ISSUER })}`);
    const police = await authenticate(`Bearer ${await sign(policeKey, { ...goodClaims, agency: 'police' }, { iss: POLICE_ISSUER })}`);
    expect(police.agency).toBe('police');
  });

  it('rejects principals that cannot be placed: unknown agency, level, or a region that does not match the level', async () => {
    await rejection(`Bearer ${await sign(trustedKey, { ...goodClaims, agency: 'tax_bureau' })}`);
    await rejection(`Bearer ${await sign(trustedKey, { ...goodClaims, level: 'district' })}`);
    await rejection(`Bearer ${await sign(trustedKey, { ...goodClaims, region: '4310' })}`);
    await rejection(`Bearer ${await sign(trustedKey, { ...goodClaims, region: '43100x' })}`);
  });
});

describe('authenticate, a token presented again', () => {
  it('answers from what it verified, and a token that fails is never remembered', async () => {
    const token = await sign(trustedKey);
    const first = await authenticate(`Bearer ${token}`);
    expect(await authenticate(`Bearer ${token}`)).toBe(first);
    // The shared principal cannot be changed by one request for the next.
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    // One character off is another token: checked in full, and refused.
    await rejection(`Bearer ${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}${token.slice(-1)}`);
    const expired = await sign(trustedKey, goodClaims, { exp: Math.floor(Date.now() / 1000) - 120 });
    await rejection(`Bearer ${expired}`);
    await rejection(`Bearer ${expired}`);
  });
});
