import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * Takes the transaction-scoped lock of a feed (the outbox, the hand-off notices) before
 * appending to it, held until commit. A reader follows a feed by position (`seq > cursor`);
 * without the lock two writers could commit out of position order, and a reader that had
 * already moved past the later number would never see the earlier one. With it, positions
 * commit in order. It is held only from the append to the commit: the write's end.
 */
export async function lockFeed(trx: Transaction<any> | Kysely<any>, feed: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${feed}))`.execute(trx);
}
