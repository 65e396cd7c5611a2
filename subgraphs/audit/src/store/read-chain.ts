import type { Kysely } from 'kysely';
import type { AuditEntryRow } from './entry-row.ts';
import type { HubDB } from './hub-db.ts';
import type { StoredCheckpoint } from './verify-chain.ts';

const PAGE = 5_000;

/** Every entry after `after` (default: all) in seq order, a page at a time, so verifying millions of entries holds a page in memory, not the log. */
export async function* readChain(db: Kysely<HubDB>, after = 0): AsyncGenerator<AuditEntryRow> {
  for (;;) {
    const page = await db.selectFrom('audit_entry').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    yield* page;
    if (page.length < PAGE) return;
    after = Number(page[page.length - 1]!.seq);
  }
}

export async function readCheckpoints(db: Kysely<HubDB>): Promise<StoredCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoint').select(['seq', 'hash', 'jws']).orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, jws: r.jws }));
}
