import type { JWK } from 'jose';
import { readFileSync } from 'node:fs';

/** The gateway's private signing key from a JWK file: throws unless it is a private key (has "d"). */
export function readSigningKey(path: string): JWK {
  const key = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  if (typeof key.d !== 'string') throw new Error('not a private JWK (no "d")');
  return key;
}

/**
 * The gateway's published public keys (LBC_GATEWAY_JWKS_FILE, the JWKS the subgraphs
 * trust): the audit log verifies seals and checkpoints signed by a key since replaced with
 * them. Throws on anything but a key set of public keys: a private key does not belong in
 * a file every service reads.
 */
export function readPublishedKeys(path: string): JWK[] {
  const set = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
  if (!Array.isArray(set.keys) || set.keys.length === 0) throw new Error('not a JWKS (no "keys")');
  for (const key of set.keys as JWK[]) {
    if (typeof key !== 'object' || key === null || typeof key.kty !== 'string') throw new Error('a key without "kty"');
    if ('d' in key) throw new Error('holds a private key: publish public keys only');
  }
  return set.keys as JWK[];
}
