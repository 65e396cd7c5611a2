import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The seal: the last entry of every commit carries the gateway's signature over its
 * (seq, hash), so a log whose end was cut or rewritten no longer ends in a valid seal.
 * Not part of the entry's hash (the hash is computed before the seal, over the entry),
 * null on every other entry of a commit. Rows written before this migration have none:
 * the head they leave is covered by the checkpoint the gateway signs at shutdown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [`alter table audit_entry add column seal text`]);
}

// No down migration, as for 0001: nothing in the hub removes what protects the log.
