import type { AuditEntryRow, StoredCheckpoint } from '@lbc/audit/store';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * An exported copy of the audit log, as handed to another agency: a folder with
 *   entries.jsonl      one stored row per line, in seq order, exactly as in the hub database
 *   checkpoints.jsonl  the signed checkpoints
 *   gateway.jwks.json  the gateway's public keys, to check the checkpoint signatures
 * The copy needs nothing of the hub to be verified: `pnpm audit:verify --copy <dir>`.
 */
export const COPY_FILES = { entries: 'entries.jsonl', checkpoints: 'checkpoints.jsonl', jwks: 'gateway.jwks.json' } as const;

/** The entries of a copy, one line at a time (a copy may hold millions). */
export async function* copyEntries(dir: string): AsyncGenerator<AuditEntryRow> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(`${dir}/${COPY_FILES.entries}`, 'utf8'), crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    try {
      yield JSON.parse(text) as AuditEntryRow;
    } catch {
      throw new Error(`${COPY_FILES.entries} line ${line} is not JSON`);
    }
  }
}

export function copyCheckpoints(dir: string): StoredCheckpoint[] {
  return readCheckpointsFile(`${dir}/${COPY_FILES.checkpoints}`);
}

/** A checkpoints.jsonl file: a copy's own, or one kept from an earlier copy as an anchor. */
export function readCheckpointsFile(file: string): StoredCheckpoint[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StoredCheckpoint);
}
