import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { HubDB } from './hub-db.ts';

/** What a checkpoint asserts: the chain had this head at this time, as the gateway saw it. */
export interface CheckpointClaim {
  seq: number;
  hash: string;
  signedAt: string;
}

/** The gateway's public keys, e.g. `createLocalJWKSet(jwks)`. */
export type CheckpointKeys = Parameters<typeof compactVerify>[1];

const CHECKPOINT_TYPE = 'lbc-audit-checkpoint+jws';

/**
 * Signs the current chain head into a checkpoint (a compact JWS with the gateway's key)
 * and stores it, unless the head is already checkpointed. Exported to another agency,
 * checkpoints make rewriting the chain detectable even by someone who recomputes every
 * hash after an edit: the signed head would no longer match.
 */
export async function writeCheckpoint(db: Kysely<HubDB>, signingKey: JWK, now = new Date()): Promise<CheckpointClaim | null> {
  const head = await db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!head) return null;
  const last = await db.selectFrom('audit_checkpoint').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last && Number(last.seq) >= Number(head.seq)) return null;
  const claim: CheckpointClaim = { seq: Number(head.seq), hash: head.hash, signedAt: now.toISOString() };
  const key = await importJWK(signingKey, signingKey.alg ?? 'ES256');
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claim)))
    .setProtectedHeader({ alg: signingKey.alg ?? 'ES256', kid: signingKey.kid, typ: CHECKPOINT_TYPE })
    .sign(key);
  await db.insertInto('audit_checkpoint').values({ seq: claim.seq, hash: claim.hash, signed_at: now, jws }).execute();
  return claim;
}

/** Checks a checkpoint's signature against the gateway's public keys and returns what it asserts. */
export async function readCheckpoint(jws: string, keys: CheckpointKeys): Promise<CheckpointClaim> {
  const { payload, protectedHeader } = await compactVerify(jws, keys);
  if (protectedHeader.typ !== CHECKPOINT_TYPE) throw new Error(`not an audit checkpoint (typ ${String(protectedHeader.typ)})`);
  return JSON.parse(new TextDecoder().decode(payload)) as CheckpointClaim;
}

/**
 * Writes a checkpoint every `intervalMs` while the gateway runs. A failed checkpoint is
 * reported and retried at the next tick: the entries themselves are already committed.
 */
export function startCheckpoints(db: Kysely<HubDB>, signingKey: JWK, intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = writeCheckpoint(db, signingKey).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
