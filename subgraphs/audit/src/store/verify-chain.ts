import type { AuditEntryRow } from './entry-row.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { readCheckpoint, type CheckpointKeys } from './checkpoint-jws.ts';
import { sealMatches } from './seal.ts';

export interface StoredCheckpoint {
  seq: number;
  hash: string;
  jws: string;
}

/** The first place where the log and its seals disagree. */
export interface ChainBreak {
  /** 1-based position of the offending row in seq order (what `audit:verify` prints). */
  position: number;
  /** The seq the row claims (or, for a gap, the seq that is missing). */
  seq: number;
  problem: 'edited' | 'missing-or-reordered' | 'broken-link' | 'checkpoint-mismatch' | 'checkpoint-signature' | 'unsealed-head' | 'seal-mismatch';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  head: { seq: number; hash: string } | null;
  firstBreak?: ChainBreak;
  /**
   * Every disagreement found (the first 100). Verification goes on past a break, linking on
   * from the stored hash, so one damaged row cannot hide edits further down the log.
   */
  breaks: ChainBreak[];
}

const MAX_BREAKS = 100;

/**
 * Recomputes the chain over rows in seq order and checks every checkpoint: its signature
 * against the gateway's keys, and that the chain really had the signed hash at that seq;
 * then checks that the last row is one the gateway sealed (or a checkpoint signs).
 * `checkpoints` may include anchors: checkpoints kept from an earlier copy, which reveal a
 * log rewritten or cut short after them even if its own checkpoints were removed too.
 * Reports the first disagreement, which names the row, and goes on to list the others:
 * - `edited`: a row's content no longer gives its hash (any column, derived ones too);
 * - `missing-or-reordered`: seq does not follow its predecessor (a row deleted or moved);
 * - `broken-link`: a row does not point at its predecessor's hash (rows swapped, or one
 *   deleted and the rest renumbered);
 * - `checkpoint-*`: the chain was rewritten consistently after a signed checkpoint, or a
 *   checkpoint is forged;
 * - `unsealed-head`: the last row carries no seal and no checkpoint signs it — the rows
 *   written after it in the same commit were deleted, or it was added without the key;
 * - `seal-mismatch`: the last row's seal is not the gateway's signature over its seq and
 *   hash — it was rewritten (hashes recomputed) after it was sealed.
 * Only the head's seal is checked: its hash covers every row before it, so a valid seal
 * on the head vouches for the whole chain, and one signature check costs what hashing
 * about ten entries does. Rows sealed by older commits need no check of their own.
 * What no seal reveals: whole commits deleted from the end (the head is then an earlier
 * commit's sealed row). The checkpoints and anchors after them do.
 */
export async function verifyChain(rows: AsyncIterable<AuditEntryRow> | Iterable<AuditEntryRow>, checkpoints: StoredCheckpoint[], keys: CheckpointKeys): Promise<ChainReport> {
  // Several checkpoints may sign one seq: those stored with the log, and anchors kept from earlier copies.
  const pending = new Map<number, StoredCheckpoint[]>();
  for (const c of checkpoints) pending.set(Number(c.seq), [...(pending.get(Number(c.seq)) ?? []), c]);
  const report: ChainReport = { ok: true, entries: 0, checkpoints: 0, head: null, breaks: [] };
  const found = (brk: ChainBreak) => {
    report.ok = false;
    report.firstBreak ??= brk;
    if (report.breaks.length < MAX_BREAKS) report.breaks.push(brk);
  };
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let position = 0;
  let headSeal: string | null = null;
  let headCheckpointed = false;

  for await (const row of rows) {
    position++;
    const seq = Number(row.seq);
    if (seq !== expectedSeq) {
      found({ position, seq: expectedSeq, problem: 'missing-or-reordered', detail: `expected entry ${expectedSeq} at position ${position}, found entry ${seq}` });
    }
    const { hash, seal, ...sealed } = row;
    if (entryHash({ ...sealed, seq }) !== hash) {
      found({ position, seq, problem: 'edited', detail: `entry ${seq} does not match its hash: its content was changed after it was written` });
    } else if (row.prev_hash !== prevHash && seq === expectedSeq) {
      found({ position, seq, problem: 'broken-link', detail: `entry ${seq} does not follow entry ${seq - 1}: its previous-hash differs` });
    }
    headCheckpointed = false;
    for (const checkpoint of pending.get(seq) ?? []) {
      const broken = await checkCheckpoint(checkpoint, hash, keys);
      if (broken) found({ position, seq, ...broken });
      else report.checkpoints++;
      headCheckpointed ||= !broken;
    }
    pending.delete(seq);
    // Go on from what is stored: the next row is judged on its own link.
    prevHash = hash;
    expectedSeq = seq + 1;
    report.entries++;
    report.head = { seq, hash };
    headSeal = seal ?? null;
  }
  // A signed checkpoint beyond the last row: entries after it were removed from the end.
  for (const [seq] of [...pending].sort(([a], [b]) => a - b)) {
    found({ position: position + 1, seq, problem: 'missing-or-reordered', detail: `a checkpoint signs entry ${seq}, but the log ends at entry ${expectedSeq - 1}: entries were removed from its end` });
  }
  const head = report.head;
  if (head && headSeal !== null && !(await sealMatches(headSeal, head.seq, head.hash, keys))) {
    found({
      position,
      seq: head.seq,
      problem: 'seal-mismatch',
      detail: `entry ${head.seq}, the last of the log, does not match its seal: it was rewritten after the gateway sealed it (or the seal is not by the keys given)`,
    });
  } else if (head && headSeal === null && !headCheckpointed) {
    found({
      position,
      seq: head.seq,
      problem: 'unsealed-head',
      detail: `entry ${head.seq}, the last of the log, is not sealed and no checkpoint signs it: the entries written after it in the same commit were deleted, or it was added without the gateway's key`,
    });
  }
  return report;
}

async function checkCheckpoint(checkpoint: StoredCheckpoint, hash: string, keys: CheckpointKeys): Promise<Pick<ChainBreak, 'problem' | 'detail'> | null> {
  let claim;
  try {
    claim = await readCheckpoint(checkpoint.jws, keys);
  } catch (error) {
    return { problem: 'checkpoint-signature', detail: `checkpoint at entry ${checkpoint.seq} is not signed by the gateway: ${(error as Error).message}` };
  }
  if (claim.seq !== Number(checkpoint.seq) || claim.hash !== checkpoint.hash) {
    return { problem: 'checkpoint-signature', detail: `checkpoint at entry ${checkpoint.seq} was altered: its signed content differs from its columns` };
  }
  if (claim.hash !== hash) {
    return { problem: 'checkpoint-mismatch', detail: `entry ${checkpoint.seq} differs from the head the gateway signed at ${claim.signedAt}: the log was rewritten` };
  }
  return null;
}
