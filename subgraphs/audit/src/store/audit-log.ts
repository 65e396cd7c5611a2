import { createLogger, isConnectionError, type Logger } from '@lbc/subgraph-kit';
import type { JWK } from 'jose';
import { sql, type Kysely, type Transaction } from 'kysely';
import { readAnchor, writeAnchor } from './anchor-file.ts';
import type { AuditRecord } from './audit-record.ts';
import { auditChainBroken, ChainDisagreement } from './chain-broken.ts';
import { entryHash } from './chain.ts';
import { signCheckpoint, type CheckpointClaim, type CheckpointKeys } from './checkpoint-jws.ts';
import { insertable, sealedRow } from './entry-row.ts';
import type { HubDB } from './hub-db.ts';
import { noticesFor } from './notices.ts';
import { createSealer, publicKeysOf, type Sealer } from './seal.ts';
import type { StoredCheckpoint } from './verify-chain.ts';
import { checkpointPoint, ROW_DIGEST, startingPoint, verifyHeadSince, verifyTail, type VerifiedHead } from './verify-tail.ts';

/** Where an entry landed in the chain: quoted back to callers as the audit receipt. */
export interface AuditReceipt {
  seq: number;
  hash: string;
}

export interface AuditLogOptions {
  /** The gateway's private key (ES256 JWK): seals every commit and signs the checkpoints. */
  signingKey: JWK;
  /**
   * The public keys seals and checkpoints are verified with: the current key and any retired
   * one, as a local key set (`createLocalJWKSet`). Default: the signing key's public half.
   */
  keys?: CheckpointKeys;
  /**
   * A local file, outside the database, where each checkpoint this log signs is kept (and
   * the last one at `close()`); `open()` refuses a database that no longer holds it.
   */
  anchorFile?: string;
  /** Called after each commit with its duration and its number of entries: for metrics. */
  onCommit?(durationMs: number, entries: number): void;
  /** Where the one line saying the log is broken goes. Default: the kit's logger, service `audit-log`. */
  logger?: Logger;
}

/** `unverified` until `open()` has verified the chain; `broken` from the first disagreement until a restart. */
export type AuditLogState = 'unverified' | 'ok' | 'broken';

export interface AuditLogHealth {
  state: AuditLogState;
  /** What was found, when broken: which entry, deleted or rewritten. */
  reason?: string;
  /** The head this log verified last. */
  head?: AuditReceipt;
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
 *
 * Sealed to its last entry: the last row of every commit carries the gateway's signature
 * over its (seq, hash), and the log never appends after, nor signs a checkpoint over, a
 * head it has not verified. `open()` verifies from the newest checkpoint (or the anchor
 * file, or the genesis) to the head, seal included; every commit then checks, under the
 * lock, that the head is still the one it left, or that what another gateway appended
 * follows it and ends in a seal. On any disagreement the log is broken: this and every
 * later append and checkpoint rejects with `AUDIT_CHAIN_BROKEN` until the process restarts.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private committing = 0;
  private draining: Promise<void> | null = null;
  private opening: Promise<void> | null = null;
  /** Commits and checkpoints run one at a time in this process; the advisory lock orders them across processes. */
  private serial: Promise<unknown> = Promise.resolve();
  private head: VerifiedHead | null = null;
  private broken: string | null = null;
  private readonly seal: Sealer;
  private readonly keys: CheckpointKeys;
  private readonly logger: Logger;
  /** Commits so far, for benchmarks and operations. */
  commits = 0;

  constructor(
    private readonly db: Kysely<HubDB>,
    private readonly options: AuditLogOptions,
  ) {
    this.seal = createSealer(options.signingKey);
    this.keys = options.keys ?? publicKeysOf(options.signingKey);
    this.logger = options.logger ?? createLogger('audit-log');
  }

  /**
   * Verifies the chain from the newest checkpoint (or the anchor, or the genesis) to its
   * head, seal included, and remembers that head. The gateway calls it at start; appends
   * and checkpoints call it too if it has not succeeded yet. Rejects with AUDIT_CHAIN_BROKEN
   * when the log disagrees (and stays broken), with the database's error when it cannot be
   * read (and tries again at the next call).
   */
  open(): Promise<void> {
    if (this.broken) return Promise.reject(auditChainBroken(this.broken));
    if (this.head) return Promise.resolve();
    this.opening ??= this.verifyFromStart().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** Resolves once the entry is committed; rejects when it could not be, in which case nothing may be returned to the caller. */
  append(record: AuditRecord): Promise<AuditReceipt> {
    if (this.broken) return Promise.reject(auditChainBroken(this.broken));
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.kick();
    });
  }

  /**
   * Signs the verified head into a checkpoint, unless it is already checkpointed, and keeps
   * it in the anchor file. Never signs over a head it has not verified: a disagreement
   * breaks the log and rejects. Null when there is nothing new to sign.
   */
  async checkpoint(now = new Date()): Promise<CheckpointClaim | null> {
    await this.open();
    const result = await this.exclusive(() => this.db.transaction().execute((trx) => this.checkpointIn(trx, now)));
    if (result?.anchor && this.options.anchorFile) writeAnchor(this.options.anchorFile, result.anchor);
    return result?.signed ?? null;
  }

  /** Waits for every queued entry to be settled. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** At shutdown: settles the queue, then signs the last head and anchors it — unless the log is broken or was never verified. */
  async close(now = new Date()): Promise<void> {
    await this.flush();
    if (this.broken || !this.head) return;
    await this.checkpoint(now);
  }

  /** For readiness probes: ok, broken with what was found, or not verified yet. */
  health(): AuditLogHealth {
    if (this.broken) return { state: 'broken', reason: this.broken };
    if (!this.head) return { state: 'unverified' };
    return { state: 'ok', head: { seq: this.head.seq, hash: this.head.hash } };
  }

  /** Entries waiting for their commit, the one in progress included: for metrics. */
  get queueDepth(): number {
    return this.queue.length + this.committing;
  }

  private async verifyFromStart(): Promise<void> {
    try {
      const anchor = this.options.anchorFile ? readAnchor(this.options.anchorFile) : null;
      if (this.options.anchorFile && !anchor) this.logger.warn({ anchorFile: this.options.anchorFile }, 'no audit anchor file yet: one is written at the next checkpoint');
      this.head = await verifyTail(this.db, await startingPoint(this.db, anchor, this.keys), this.keys);
    } catch (error) {
      throw this.failOn(error);
    }
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // An entry queued between the last look at the queue and this callback must not wait for the next caller.
      if (this.queue.length) this.kick();
    });
  }

  private async drain(): Promise<void> {
    // Let the requests that arrive in the same tick join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      try {
        await this.open();
      } catch (error) {
        // Nothing is appended after an unverified head: every waiting entry fails alike.
        for (const p of this.queue.splice(0)) p.reject(this.broken ? auditChainBroken(this.broken) : error);
        return;
      }
      const group = this.queue.splice(0, MAX_GROUP);
      this.committing = group.length;
      try {
        const receipts = await this.commit(group.map((p) => p.record));
        group.forEach((p, i) => p.resolve(receipts[i]!));
      } catch (error) {
        // A database that is gone fails every entry alike: retrying them one by one would
        // make the last caller wait out one connection timeout per entry before it.
        if (group.length === 1 || this.broken || isConnectionError(error)) {
          for (const p of group) p.reject(this.broken ? auditChainBroken(this.broken) : error);
          continue;
        }
        // One entry the database refuses must not fail the requests that shared its commit:
        // retry each alone, so only an entry that cannot be stored is refused.
        for (const p of group) {
          try {
            p.resolve((await this.commit([p.record]))[0]!);
          } catch (alone) {
            p.reject(this.broken ? auditChainBroken(this.broken) : alone);
          }
        }
      } finally {
        this.committing = 0;
      }
    }
  }

  private commit(records: AuditRecord[]): Promise<AuditReceipt[]> {
    return this.exclusive(async () => {
      if (this.broken) throw auditChainBroken(this.broken);
      const started = performance.now();
      const { receipts, head } = await this.db.transaction().execute(async (trx) => {
        const base = await this.lockVerifiedHead(trx);
        let seq = base.seq;
        let prevHash = base.hash;
        const rows = records.map((record) => {
          const row = sealedRow(record, ++seq, prevHash);
          prevHash = entryHash(row);
          return { row, hash: prevHash };
        });
        const seal = this.seal(seq, prevHash);
        const inserted = await trx
          .insertInto('audit_entry')
          .values(rows.map(({ row, hash }, i) => insertable(row, hash, i === rows.length - 1 ? seal : null)))
          .returning(['seq', ROW_DIGEST.as('digest')])
          .execute();
        const digest = inserted.find((r) => Number(r.seq) === seq)?.digest;
        const notices = rows.flatMap(({ row }, i) => noticesFor(records[i]!, row.seq));
        if (notices.length) await trx.insertInto('access_notice').values(notices).execute();
        return { receipts: rows.map(({ row, hash }) => ({ seq: row.seq, hash })), head: { seq, hash: prevHash, seal, ...(digest ? { digest } : {}) } };
      });
      this.head = head;
      this.commits++;
      try {
        this.options.onCommit?.(performance.now() - started, records.length);
      } catch (error) {
        // The entries are committed: a failing metrics callback must not fail their requests.
        this.logger.warn({ err: error }, 'audit commit callback failed');
      }
      return receipts;
    });
  }

  /** The checkpoint over the verified head: signed now, or already there (signed earlier, or by another gateway), and then only anchored. */
  private async checkpointIn(trx: Transaction<HubDB>, now: Date): Promise<{ signed: CheckpointClaim | null; anchor: StoredCheckpoint } | null> {
    const head = await this.lockVerifiedHead(trx);
    if (head.seq === 0) return null;
    const last = await trx.selectFrom('audit_checkpoint').select(['seq', 'hash', 'jws']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const lastSeq = last ? Number(last.seq) : 0;
    if (lastSeq > head.seq) throw this.failOn(new ChainDisagreement(`a checkpoint signs entry ${lastSeq}, but the log ends at entry ${head.seq}: entries were deleted`));
    if (last && lastSeq === head.seq) {
      const existing = { seq: lastSeq, hash: last.hash, jws: last.jws };
      // Anchored only once checked: the anchor is what a later start trusts.
      const point = await checkpointPoint(existing, this.keys, 'the last checkpoint').catch((error: unknown) => {
        throw this.failOn(error);
      });
      if (point.hash !== head.hash) throw this.failOn(new ChainDisagreement(`the last checkpoint (entry ${lastSeq}) does not sign the entry the log holds: it was rewritten`));
      return { signed: null, anchor: existing };
    }
    const claim: CheckpointClaim = { seq: head.seq, hash: head.hash, signedAt: now.toISOString() };
    const jws = await signCheckpoint(claim, this.options.signingKey);
    await trx.insertInto('audit_checkpoint').values({ seq: claim.seq, hash: claim.hash, signed_at: now, jws }).execute();
    return { signed: claim, anchor: { seq: claim.seq, hash: claim.hash, jws } };
  }

  /** Takes the chain lock and returns the head, verified against the one this log remembers. */
  private async lockVerifiedHead(trx: Transaction<HubDB>): Promise<VerifiedHead> {
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    if (this.broken) throw auditChainBroken(this.broken);
    try {
      this.head = await verifyHeadSince(trx, this.head!, this.keys);
      return this.head;
    } catch (error) {
      throw this.failOn(error);
    }
  }

  /** A disagreement breaks the log, once, with one log line; any other error (the database unreachable) passes through. */
  private failOn(error: unknown): unknown {
    if (!(error instanceof ChainDisagreement)) return error;
    if (!this.broken) {
      this.broken = error.message;
      this.logger.error({ reason: error.message }, 'the audit log failed verification: every append is refused until an operator intervenes and the gateway restarts');
    }
    return auditChainBroken(this.broken);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.serial.then(task, task);
    this.serial = run.catch(() => undefined);
    return run;
  }
}
