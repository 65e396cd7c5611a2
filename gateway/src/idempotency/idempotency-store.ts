import { idempotencyKeyReused } from '@lbc/schema';
import type { HubDB } from '@lbc/audit/store';
import { sql, type Kysely } from 'kysely';
import type { StoredResult } from './stored-result.ts';

/** Whose key: the issuer and subject of the caller (two callers' equal keys are two keys). */
export interface KeyOwner {
  issuer: string;
  subject: string;
}

/** What a claim found: a new request, or the kept answer of an earlier one. */
export type Claim = { state: 'new' } | { state: 'replay'; result: StoredResult };

/** Keys are honoured for at least this long; the sweep forgets them after it. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/**
 * The gateway's record of mutation requests sent with an Idempotency-Key, in the hub
 * database. The agencies keep their own record in the write's transaction, which is what
 * guarantees no duplicate write; this one answers a retry with the first response, word
 * for word, and refuses a key reused for another request.
 */
export class IdempotencyStore {
  private lastSweep = 0;

  constructor(private readonly db: Kysely<HubDB>) {}

  /**
   * Claims `key` for a request with `fingerprint`. A key already answered for the same
   * request replays; for another request, IDEMPOTENCY_KEY_REUSED. A key claimed but not yet
   * answered (in flight, or its gateway died) is new again: the request runs, and the
   * agency's own record answers it without writing twice.
   */
  async claim(owner: KeyOwner, key: string, fingerprint: string): Promise<Claim> {
    const inserted = await this.db
      .insertInto('idempotent_response')
      .values({ ...owner, key, request_hash: fingerprint, status: null, response: null })
      .onConflict((c) => c.columns(['issuer', 'subject', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { state: 'new' };
    const prior = await this.row(owner, key);
    if (!prior) return this.claim(owner, key, fingerprint);
    if (prior.request_hash !== fingerprint) throw idempotencyKeyReused();
    return prior.status === null ? { state: 'new' } : { state: 'replay', result: prior.response as StoredResult };
  }

  /** Keeps the answer for retries. */
  async complete(owner: KeyOwner, key: string, result: StoredResult): Promise<void> {
    await this.db
      .updateTable('idempotent_response')
      .set({ status: 200, response: JSON.stringify(result) })
      .where((eb) => eb.and({ ...owner, key }))
      .execute();
  }

  /** Forgets an unanswered claim (the request failed in a way a retry should run again). */
  async release(owner: KeyOwner, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotent_response')
      .where((eb) => eb.and({ ...owner, key }))
      .where('status', 'is', null)
      .execute();
  }

  /** Forgets keys older than the retention; at most once a minute, whoever calls. */
  async sweep(now = Date.now()): Promise<void> {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    await this.db
      .deleteFrom('idempotent_response')
      .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`)
      .execute();
  }

  private row(owner: KeyOwner, key: string) {
    return this.db
      .selectFrom('idempotent_response')
      .select(['request_hash', 'status', 'response'])
      .where((eb) => eb.and({ ...owner, key }))
      .executeTakeFirst();
  }
}
