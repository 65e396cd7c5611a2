import { AGENCIES, type Agency } from '@lbc/schema';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** An identity provider whose tokens the hub accepts: one per agency in production. */
export interface TrustedIssuer {
  issuer: string;
  keys: JWTVerifyGetKey;
  /** Signature algorithms accepted from this issuer (RFC 8725: never trust the token's own `alg`). */
  algorithms: string[];
  /**
   * Which agencies this issuer may speak for. A health-commission IdP must not be able to
   * mint a police principal, however valid its signature.
   */
  agencies: readonly Agency[];
}

export interface IssuersFile {
  /** The `aud` every caller token must carry. */
  audience: string;
  issuers: {
    issuer: string;
    /** Path (relative to this file) of a JWKS document with the issuer's public keys... */
    jwksFile?: string;
    /** ...or a URL serving it, fetched and cached by jose, so keys can rotate. */
    jwksUrl?: string;
    algorithms?: string[];
    agencies?: Agency[];
  }[];
}

export const DEFAULT_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

/** Reads and checks the issuers file; a malformed file stops the gateway at start, not at the first request. */
export function loadIssuersFile(path: string): { audience: string; issuers: TrustedIssuer[] } {
  const file = JSON.parse(readFileSync(path, 'utf8')) as IssuersFile;
  if (typeof file.audience !== 'string' || !Array.isArray(file.issuers) || file.issuers.length === 0) {
    throw new Error(`${path}: expected { "audience": string, "issuers": [ ... ] } with at least one issuer`);
  }
  const issuers = file.issuers.map((entry) => {
    if (!entry.issuer || !entry.jwksFile === !entry.jwksUrl) {
      throw new Error(`${path}: each issuer needs "issuer" and exactly one of "jwksFile" or "jwksUrl"`);
    }
    const agencies = entry.agencies ?? [...AGENCIES];
    const unknown = agencies.filter((a) => !AGENCIES.includes(a));
    if (unknown.length) throw new Error(`${path}: unknown agencies ${unknown.join(', ')} for issuer ${entry.issuer}`);
    const keys = entry.jwksUrl ? createRemoteJWKSet(new URL(entry.jwksUrl)) : createLocalJWKSet(JSON.parse(readFileSync(resolve(dirname(path), entry.jwksFile!), 'utf8')) as JSONWebKeySet);
    return { issuer: entry.issuer, keys, algorithms: entry.algorithms ?? DEFAULT_ALGORITHMS, agencies };
  });
  return { audience: file.audience, issuers };
}
