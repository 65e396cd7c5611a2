import { sql, type Kysely } from 'kysely';
import type { AuditRecord } from './audit-record.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { insertable, sealedRow } from './entry-row.ts';
import type { HubDB } from './hub-db.ts';
import { noticesFor } from './notices.ts';

/** Where an entry landed in the chain: quoted back to callers as the audit receipt. */
export interface AuditReceipt {
  seq: number;
  hash: string;
}

/** Any number below 2^63: the advisory lock every writer of one hub database takes, so the chain never forks. */
const CHAIN_LOCK = 4_310_031_012;
/** Entries per transaction at most: bounds one commit's size under a burst. */
const MAX_GROUP = 500;

interface Pending {
  record: AuditRecord;
  resolve(receipt: AuditReceipt): void;
  reject(error: unknown): void;
}

/**
 * The append-only, hash-chained audit log, written with group commit: while one
 * transaction commits, new entries queue, and the next transaction takes them all. A
 * burst of N concurrent requests therefore costs a handful of commits, not N, while
 * each caller still waits for its own entry to be durable (fail-closed).
 *
 * Across processes (several gateways on one hub database) the chain stays single: each
 * transaction takes an advisory lock, reads the head, and appends after it.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  /** Commits so far, for benchmarks and operations. */
  commits = 0;

  constructor(private readonly db: Kysely<HubDB>) {}

  /** Resolves once the entry is committed; rejects when it could not be, in which case nothing may be returned to the caller. */
  append(record: AuditRecord): Promise<AuditReceipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // An entry queued between the last look at the queue and this callback must not wait for the next caller.
      if (this.queue.length) this.kick();
    });
  }

  /** Waits for every queued entry to be settled. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Let the requests that arrive in the same tick join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const group = this.queue.splice(0, MAX_GROUP);
      try {
        const receipts = await this.commit(group.map((p) => p.record));
        group.forEach((p, i) => p.resolve(receipts[i]!));
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(error);
          continue;
        }
        // One entry the database refuses must not fail the requests that shared its commit:
        // retry each alone, so only an entry that cannot be stored is refused.
        for (const p of group) {
          try {
            p.resolve((await this.commit([p.record]))[0]!);
          } catch (alone) {
            p.reject(alone);
          }
        }
      }
    }
  }

  private async commit(records: AuditRecord[]): Promise<AuditReceipt[]> {
    const receipts = await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
      const head = await trx.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      let seq = head ? Number(head.seq) : 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const rows = records.map((record) => {
        const row = sealedRow(record, ++seq, prevHash);
        prevHash = entryHash(row);
        return { row, hash: prevHash };
      });
      await trx.insertInto('audit_entry').values(rows.map(({ row, hash }) => insertable(row, hash))).execute();
      const notices = rows.flatMap(({ row }, i) => noticesFor(records[i]!, row.seq));
      if (notices.length) await trx.insertInto('access_notice').values(notices).execute();
      return rows.map(({ row, hash }) => ({ seq: row.seq, hash }));
    });
    this.commits++;
    return receipts;
  }
}
