import type { JWK } from 'jose';
import { readFileSync } from 'node:fs';

/** The gateway's private signing key from a JWK file: throws unless it is a private key (has "d"). */
export function readSigningKey(path: string): JWK {
  const key = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  if (typeof key.d !== 'string') throw new Error('not a private JWK (no "d")');
  return key;
}
