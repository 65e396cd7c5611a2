import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { ChainDisagreement } from './chain-broken.ts';
import type { StoredCheckpoint } from './verify-chain.ts';

/**
 * The anchor: the latest checkpoint, kept in a local file outside the database, as one
 * JSON line `{"seq":…,"hash":"…","jws":"…"}` — the shape of an export's checkpoints.jsonl,
 * so `pnpm audit:verify --anchor FILE` reads it too. Someone who can rewrite the database
 * cannot make it forget a head it has written here. Null when there is no file yet (the
 * first start); the last line counts when there are several.
 */
export function readAnchor(file: string): StoredCheckpoint | null {
  if (!existsSync(file)) return null;
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .at(-1);
  try {
    const anchor = JSON.parse(line ?? '') as StoredCheckpoint;
    if (Number.isSafeInteger(anchor.seq) && typeof anchor.hash === 'string' && typeof anchor.jws === 'string') return anchor;
  } catch {
    // Reported below: an unreadable anchor is a disagreement, not a first start.
  }
  throw new ChainDisagreement('the anchor file does not hold a checkpoint');
}

/** Replaces the anchor with `checkpoint`, durably: written aside, flushed to disk, then renamed over the old one, so a crash leaves one or the other. */
export function writeAnchor(file: string, checkpoint: StoredCheckpoint): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w', 0o644);
  try {
    writeSync(fd, JSON.stringify({ seq: checkpoint.seq, hash: checkpoint.hash, jws: checkpoint.jws }) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}
