import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import { AuditLog, type AuditLogOptions, type HubDB } from '../src/store/index.ts';

export interface GatewayKeys {
  privateJwk: JWK;
  publicJwk: JWK;
  jwks: ReturnType<typeof createLocalJWKSet>;
}

/** A fresh ES256 key pair standing for a gateway's: it seals the log and signs its checkpoints. */
export async function gatewayKeys(kid = 'gateway-test'): Promise<GatewayKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const meta = { kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), ...meta };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk, jwks: createLocalJWKSet({ keys: [publicJwk] }) };
}

let shared: Promise<GatewayKeys> | undefined;

/** One key pair for a whole test file, when a test is not about keys. */
export function testGatewayKeys(): Promise<GatewayKeys> {
  shared ??= gatewayKeys();
  return shared;
}

/** An AuditLog as the gateway makes one: sealed with the test gateway's key. */
export async function testAuditLog(db: Kysely<HubDB>, options: Partial<AuditLogOptions> = {}): Promise<AuditLog> {
  return new AuditLog(db, { signingKey: (await testGatewayKeys()).privateJwk, ...options });
}
