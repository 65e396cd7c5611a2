import { sql, type Kysely } from 'kysely';
import { ChainDisagreement } from './chain-broken.ts';
import { GENESIS_HASH, storedEntryHash } from './chain.ts';
import { isSignatureRejection, readCheckpoint, type CheckpointKeys } from './checkpoint-jws.ts';
import type { AuditEntryRow } from './entry-row.ts';
import type { HubDB } from './hub-db.ts';
import { readChain } from './read-chain.ts';
import { sealMatches } from './seal.ts';
import type { StoredCheckpoint } from './verify-chain.ts';

/** A place in the chain known to be good, and who vouches for it (named in findings). Seq 0 is the genesis. */
export interface TrustedPoint {
  seq: number;
  hash: string;
  vouchedBy: string;
}

/** The head as the writer verified it: the next commit links to it, and must find it unchanged. */
export interface VerifiedHead {
  seq: number;
  hash: string;
  seal: string | null;
  /**
   * sha256 of the head's whole row as PostgreSQL prints it (ROW_DIGEST), taken when this
   * writer wrote or last checked it. The next commit compares it instead of reading and
   * hashing the row again: an entry can be 200 KB (a page of children), and any change to
   * any column changes the digest, which sends the check down the full path.
   */
  digest?: string;
}

/** The digest of an `audit_entry` row, computed in the database: no row leaves it to be compared. */
export const ROW_DIGEST = sql<string>`encode(sha256(convert_to(audit_entry::text, 'UTF8')), 'hex')`;

export const GENESIS_HEAD: VerifiedHead = { seq: 0, hash: GENESIS_HASH, seal: null };
const GENESIS_POINT: TrustedPoint = { seq: 0, hash: GENESIS_HASH, vouchedBy: 'the genesis' };

/**
 * Verifies the log from a trusted point to its end: the point's row still has the vouched
 * hash and content, every later row follows its predecessor and matches its hash, and the
 * last row — unless it is the trusted point itself — carries the gateway's seal over its
 * seq and hash. Returns that head; throws a ChainDisagreement naming the first entry that
 * disagrees. Costs one hash per entry after the point and one signature check.
 */
export async function verifyTail(db: Kysely<HubDB>, from: TrustedPoint, keys: CheckpointKeys): Promise<VerifiedHead> {
  let last: AuditEntryRow | null = null;
  for await (const row of readChain(db, Math.max(from.seq - 1, 0))) {
    const seq = Number(row.seq);
    if (!last && from.seq > 0) {
      if (seq !== from.seq) throw new ChainDisagreement(`entry ${from.seq}, which ${from.vouchedBy} vouches for, was deleted`);
      if (row.hash !== from.hash) throw new ChainDisagreement(`entry ${seq}, which ${from.vouchedBy} vouches for, was rewritten: its hash is no longer the one vouched for`);
    } else {
      const prevSeq = last ? Number(last.seq) : 0;
      if (seq !== prevSeq + 1) throw new ChainDisagreement(`${entries(prevSeq + 1, seq - 1)} deleted: the log goes from entry ${prevSeq} to entry ${seq}`);
      if (row.prev_hash !== (last?.hash ?? GENESIS_HASH)) throw new ChainDisagreement(`entry ${seq} does not follow entry ${prevSeq}: one of them was rewritten`);
    }
    if (storedEntryHash(row) !== row.hash) throw new ChainDisagreement(`entry ${seq} was edited: its content no longer matches its hash`);
    last = row;
  }
  if (!last) {
    if (from.seq === 0) return GENESIS_HEAD;
    throw new ChainDisagreement(`entry ${from.seq}, which ${from.vouchedBy} vouches for, was deleted: the log now ends at entry ${await headSeq(db)}`);
  }
  const head: VerifiedHead = { seq: Number(last.seq), hash: last.hash, seal: last.seal };
  // The trusted point itself needs no seal (a checkpoint signs it), but one it carries must be valid, as audit:verify requires.
  if (head.seq === from.seq && !head.seal) return head;
  if (!head.seal)
    throw new ChainDisagreement(`entry ${head.seq}, the last of the log, is not sealed: the entries written after it in the same commit were deleted, or it was added without the gateway's key`);
  if (!(await sealMatches(head.seal, head.seq, head.hash, keys))) {
    throw new ChainDisagreement(`entry ${head.seq}, the last of the log, does not match its seal: it was rewritten after the gateway sealed it`);
  }
  return head;
}

/**
 * Before a commit or a checkpoint, under the chain lock: the log must still end where this
 * writer left it, unchanged — or go on from there with entries another gateway process
 * wrote, ending in a valid seal. On the common path (no other writer) this compares the
 * head's digest with the one this writer took (hashing the row again only if it differs). Entries another writer added are verified from the newest checkpoint
 * after `known`, if any: a checkpoint is only signed over a head its writer verified.
 */
export async function verifyHeadSince(db: Kysely<HubDB>, known: VerifiedHead, keys: CheckpointKeys): Promise<VerifiedHead> {
  const head = await db
    .selectFrom('audit_entry')
    .select(['seq', 'hash', 'seal', ROW_DIGEST.as('digest')])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = head ? Number(head.seq) : 0;
  if (seq < known.seq) throw new ChainDisagreement(`${entries(seq + 1, known.seq)} deleted from the end of the log, which now ends at entry ${seq}`);
  if (seq === known.seq) {
    if (!head) return known;
    if (head.hash !== known.hash) throw new ChainDisagreement(`entry ${seq}, the last of the log, was rewritten: its hash is no longer the one this gateway verified`);
    // The row exactly as this writer left it: nothing to hash again.
    if (known.digest !== undefined && head.digest === known.digest) return known;
    const row = await db.selectFrom('audit_entry').selectAll().where('seq', '=', head.seq).executeTakeFirst();
    if (!row || storedEntryHash(row) !== row.hash) throw new ChainDisagreement(`entry ${seq}, the last of the log, was edited: its content no longer matches its hash`);
    if (row.seal !== known.seal) throw new ChainDisagreement(`the seal of entry ${seq}, the last of the log, was removed or replaced`);
    return { ...known, digest: head.digest };
  }
  if (known.seq > 0) {
    const mine = await db.selectFrom('audit_entry').select('hash').where('seq', '=', known.seq).executeTakeFirst();
    if (!mine) throw new ChainDisagreement(`entry ${known.seq}, the last this gateway verified, was deleted`);
    if (mine.hash !== known.hash) throw new ChainDisagreement(`entry ${known.seq}, the last this gateway verified, was rewritten: its hash is no longer the one this gateway verified`);
  }
  const checkpoint = await latestCheckpoint(db, known.seq);
  const from = checkpoint ? await checkpointPoint(checkpoint, keys, 'the checkpoint') : { ...known, vouchedBy: 'this gateway' };
  return verifyTail(db, from, keys);
}

/**
 * Where a writer that has verified nothing yet starts: the newest signed checkpoint in the
 * database, or the anchor kept outside it when that is newer (or the database's
 * checkpoints were removed), else the genesis. An older anchor must still be in the log.
 */
export async function startingPoint(db: Kysely<HubDB>, anchor: StoredCheckpoint | null, keys: CheckpointKeys): Promise<TrustedPoint> {
  const checkpoint = await latestCheckpoint(db, 0);
  const fromDb = checkpoint ? await checkpointPoint(checkpoint, keys, 'the last checkpoint') : null;
  const fromAnchor = anchor ? await checkpointPoint(anchor, keys, 'the anchor file') : null;
  if (fromAnchor && (!fromDb || fromAnchor.seq >= fromDb.seq)) return fromAnchor;
  if (fromAnchor) {
    const row = await db.selectFrom('audit_entry').select('hash').where('seq', '=', fromAnchor.seq).executeTakeFirst();
    if (!row) throw new ChainDisagreement(`entry ${fromAnchor.seq}, which the anchor file vouches for, was deleted`);
    if (row.hash !== fromAnchor.hash) throw new ChainDisagreement(`entry ${fromAnchor.seq}, which the anchor file vouches for, was rewritten: its hash is no longer the one vouched for`);
  }
  return fromDb ?? GENESIS_POINT;
}

/** A stored checkpoint as a trusted point, once its signature is checked and its columns agree with what it signs. */
export async function checkpointPoint(checkpoint: StoredCheckpoint, keys: CheckpointKeys, name: string): Promise<TrustedPoint> {
  let claim;
  try {
    claim = await readCheckpoint(checkpoint.jws, keys);
  } catch (error) {
    if (!isSignatureRejection(error)) throw error;
    throw new ChainDisagreement(`${name} (entry ${checkpoint.seq}) is not signed by the gateway`);
  }
  if (claim.seq !== Number(checkpoint.seq) || claim.hash !== checkpoint.hash) throw new ChainDisagreement(`${name} (entry ${checkpoint.seq}) was altered: its columns differ from what it signs`);
  return { seq: claim.seq, hash: claim.hash, vouchedBy: `${name} signed at ${claim.signedAt}` };
}

async function latestCheckpoint(db: Kysely<HubDB>, after: number): Promise<StoredCheckpoint | null> {
  const row = await db.selectFrom('audit_checkpoint').select(['seq', 'hash', 'jws']).where('seq', '>', after).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash, jws: row.jws } : null;
}

async function headSeq(db: Kysely<HubDB>): Promise<number> {
  const head = await db.selectFrom('audit_entry').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return head ? Number(head.seq) : 0;
}

/** "entry 7 was" / "entries 7 to 9 were". */
function entries(first: number, last: number): string {
  return first === last ? `entry ${first} was` : `entries ${first} to ${last} were`;
}
