import { createEs256Signer } from '@lbc/schema';
import { compactVerify, createLocalJWKSet, type JWK } from 'jose';
import { isSignatureRejection, type CheckpointKeys } from './checkpoint-jws.ts';

const SEAL_TYPE = 'lbc-audit-seal+jws';

/** Seals an entry: the gateway's signature over its (seq, hash). */
export type Sealer = (seq: number, hash: string) => string;

/** The signed content, never stored: a verifier rebuilds it from the row, so a seal fits that row and no other. */
function payloadOf(seq: number, hash: string): string {
  return Buffer.from(JSON.stringify({ seq, hash })).toString('base64url');
}

/**
 * A seal is a compact JWS with a detached payload (RFC 7515 appendix F: `header..signature`),
 * ES256 with the gateway's key, over `{"seq":…,"hash":…}`, so any JOSE library can check
 * it. It runs once per commit, under the chain lock: node's synchronous signer (≈ 30–45 µs
 * here), not jose's.
 */
export function createSealer(signingKey: JWK): Sealer {
  if (signingKey.kty !== 'EC' || signingKey.crv !== 'P-256' || !signingKey.d || (signingKey.alg ?? 'ES256') !== 'ES256') {
    throw new TypeError("the audit log is sealed with the gateway's ES256 private key (an EC P-256 JWK)");
  }
  const signJws = createEs256Signer(signingKey, { kid: signingKey.kid, typ: SEAL_TYPE });
  return (seq, hash) => {
    const [header, , signature] = signJws(payloadOf(seq, hash)).split('.');
    return `${header}..${signature}`;
  };
}

/**
 * Whether `seal` is a signature by one of `keys` over exactly this (seq, hash). False for
 * anything else — a seal moved from another row, a row rewritten after it was sealed, a
 * key the verifier does not trust, a malformed value — with no detail: every one of these
 * means the entry is not the one the gateway sealed. Throws when the keys could not be
 * consulted at all (a remote key set that did not answer): that is no evidence of tampering.
 */
export async function sealMatches(seal: string, seq: number, hash: string, keys: CheckpointKeys): Promise<boolean> {
  const parts = seal.split('.');
  if (parts.length !== 3 || parts[1] !== '') return false;
  try {
    const { protectedHeader } = await compactVerify(`${parts[0]}.${payloadOf(seq, hash)}.${parts[2]}`, keys, { algorithms: ['ES256'] });
    return protectedHeader.typ === SEAL_TYPE;
  } catch (error) {
    if (isSignatureRejection(error)) return false;
    throw error;
  }
}

/**
 * The public half of the gateway's private key, as a key set: what verifies its own seals.
 * `earlier`: the public keys of keys it replaced (the published JWKS), so that a gateway
 * started on a new key still verifies the seals and checkpoints its predecessor signed.
 */
export function publicKeysOf(signingKey: JWK, earlier: readonly JWK[] = []): CheckpointKeys {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...publicJwk } = signingKey;
  return createLocalJWKSet({ keys: [publicJwk, ...earlier.filter((key) => key.kid === undefined || key.kid !== publicJwk.kid)] });
}
