import { createHash } from 'node:crypto';
import { canonicalJson } from '@lbc/schema';
import type { SealedRow } from './entry-row.ts';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash sealing an entry: sha256 over the previous entry's hash and the canonical form
 * of every other column of the row — its position `seq` included, so moving a row breaks
 * the chain as surely as editing or deleting one. A stored row may be passed as it is:
 * its `hash` and `seal` columns are what is computed from this, so they are left out.
 */
export function entryHash(row: SealedRow): string {
  const { prev_hash, hash: _hash, seal: _seal, writes, ...rest } = row as SealedRow & { hash?: unknown; seal?: unknown };
  // A read has no writes column in its hash: entries sealed before the column existed verify unchanged.
  const sealed = writes == null ? rest : { ...rest, writes };
  return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(sealed)).digest('hex');
}

/** The hash a row read back from the database should have (drivers return `seq`, a bigint, as a string or a number). */
export function storedEntryHash(row: SealedRow): string {
  return entryHash({ ...row, seq: Number(row.seq) });
}
