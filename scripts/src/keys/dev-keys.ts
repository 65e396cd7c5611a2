import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { KEYS_DIR } from '../paths.ts';

/** The issuer name of development tokens; production issuers are the agencies' own IdPs. */
export const DEV_ISSUER = 'https://dev-idp.lbc-hub.local';
export const HUB_AUDIENCE = 'lbc-hub';

export const DEV_KEY_FILES = {
  gatewayPrivate: `${KEYS_DIR}/gateway.private.jwk`,
  gatewayJwks: `${KEYS_DIR}/gateway.jwks.json`,
  issuerPrivate: `${KEYS_DIR}/dev-issuer.private.jwk`,
  issuerJwks: `${KEYS_DIR}/dev-issuer.jwks.json`,
  issuers: `${KEYS_DIR}/issuers.json`,
};

/** A fresh ES256 key pair as JWKs, with a key id so verifiers can pick it from a JWKS. */
export async function newSigningKey(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const meta = { kid, alg: 'ES256', use: 'sig' };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { ...(await exportJWK(publicKey)), ...meta } };
}

/**
 * Creates, once, the keys a development hub needs: the gateway's signing key (subgraphs
 * trust its public half) and a development identity provider that `pnpm token` signs
 * with. Generated per machine and never committed: no private key lives in the repo.
 */
export async function ensureDevKeys(): Promise<void> {
  if (existsSync(DEV_KEY_FILES.issuers)) return;
  mkdirSync(KEYS_DIR, { recursive: true, mode: 0o700 });
  const gateway = await newSigningKey(`gateway-${Date.now().toString(36)}`);
  const issuer = await newSigningKey(`dev-idp-${Date.now().toString(36)}`);
  const write = (path: string, value: unknown, mode = 0o644) => writeFileSync(path, JSON.stringify(value, null, 2) + '\n', { mode });
  write(DEV_KEY_FILES.gatewayPrivate, gateway.privateJwk, 0o600);
  write(DEV_KEY_FILES.gatewayJwks, { keys: [gateway.publicJwk] });
  write(DEV_KEY_FILES.issuerPrivate, issuer.privateJwk, 0o600);
  write(DEV_KEY_FILES.issuerJwks, { keys: [issuer.publicJwk] });
  write(DEV_KEY_FILES.issuers, { audience: HUB_AUDIENCE, issuers: [{ issuer: DEV_ISSUER, jwksFile: 'dev-issuer.jwks.json', algorithms: ['ES256'] }] });
}

export function readJwk(path: string): JWK {
  return JSON.parse(readFileSync(path, 'utf8')) as JWK;
}
