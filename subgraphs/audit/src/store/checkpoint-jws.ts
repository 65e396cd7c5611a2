import { CompactSign, compactVerify, errors, importJWK, type JWK } from 'jose';

/** What a checkpoint asserts: the chain had this head at this time, as the gateway saw it. */
export interface CheckpointClaim {
  seq: number;
  hash: string;
  signedAt: string;
}

/** The gateway's public keys, e.g. `createLocalJWKSet(jwks)`: the current key and any retired one whose signatures are still kept. */
export type CheckpointKeys = Parameters<typeof compactVerify>[1];

const CHECKPOINT_TYPE = 'lbc-audit-checkpoint+jws';

/**
 * A checkpoint: a compact JWS over the claim with the gateway's key. Exported to another
 * agency, checkpoints make rewriting the chain detectable even by someone who recomputes
 * every hash after an edit: the signed head would no longer match.
 */
export async function signCheckpoint(claim: CheckpointClaim, signingKey: JWK): Promise<string> {
  const key = await importJWK(signingKey, signingKey.alg ?? 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claim))).setProtectedHeader({ alg: signingKey.alg ?? 'ES256', kid: signingKey.kid, typ: CHECKPOINT_TYPE }).sign(key);
}

/** Checks a checkpoint's signature against the gateway's public keys and returns what it asserts. */
export async function readCheckpoint(jws: string, keys: CheckpointKeys): Promise<CheckpointClaim> {
  const { payload, protectedHeader } = await compactVerify(jws, keys);
  if (protectedHeader.typ !== CHECKPOINT_TYPE) throw new errors.JWSInvalid(`not an audit checkpoint (typ ${String(protectedHeader.typ)})`);
  return JSON.parse(new TextDecoder().decode(payload)) as CheckpointClaim;
}

/**
 * Whether a failed signature check means "not signed by these keys" (a bad or foreign
 * signature, a malformed token, no matching key) rather than a failure to check at all (a
 * remote key set that did not answer): only the first may be taken for tampering.
 */
export function isSignatureRejection(error: unknown): boolean {
  return error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout);
}
