import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { SealedRow } from './entry-row.ts';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash sealing an entry: sha256 over the previous entry's hash and the canonical form
 * of every other column of the row — its position `seq` included, so moving a row breaks
 * the chain as surely as editing or deleting one.
 */
export function entryHash(row: SealedRow): string {
  const { prev_hash, ...sealed } = row;
  return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(sealed)).digest('hex');
}
