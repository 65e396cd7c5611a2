import { canonicalJson, idempotencyKeyReused } from '@lbc/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { SubgraphContext } from '../server/subgraph-definition.ts';
import { IDEMPOTENCY_RETENTION_HOURS } from './write-tables.ts';
import { WriteTransaction, type WritableDB } from './write-transaction.ts';

export interface WriteSpec<DB, R> {
  /** The arguments as the resolver received them: the idempotency fingerprint. */
  args: unknown;
  /** Input rules beyond the scalars (assertInput): run before anything is opened, so bad input writes nothing. */
  validate?(): void;
  /**
   * The write itself, on `write.trx` only (on PGlite the request's own connection is held by
   * this transaction). Throwing rolls everything back: rows, events, the idempotency claim.
   * Returns what the payload is resolved from: JSON, since a retry is answered with it.
   */
  execute(write: WriteTransaction<DB>): Promise<R>;
}

/**
 * Every mutation of an agency subgraph runs through here, so all of them behave alike:
 * input checked first; rows, outbox events and the idempotency record committed in one
 * transaction or not at all; and, once committed, what changed reported to the gateway for
 * the audit entry (the response's `lbcWrites` extension).
 *
 * Idempotency: the gateway forwards the caller's `Idempotency-Key`. The first write under a
 * key claims it (insert into write_request) inside its transaction; a concurrent retry
 * blocks on that row until the first commits, then finds it and answers with the stored
 * result, writing nothing. The same key with other arguments is IDEMPOTENCY_KEY_REUSED.
 */
export async function runWrite<DB extends WritableDB, R>(context: SubgraphContext<DB, unknown>, info: GraphQLResolveInfo, spec: WriteSpec<DB, R>): Promise<R> {
  spec.validate?.();
  const key = context.idempotencyKey;
  const owner = key ? { issuer: context.principal.issuer, subject: context.principal.subject, key, field_path: String(info.path.key) } : null;
  const claim = owner ? { ...owner, request_hash: fingerprint(info, spec.args) } : null;
  const { result, changes } = await context.db.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<WritableDB>;
    if (owner && claim) {
      const claimed = await db
        .insertInto('write_request')
        .values({ ...claim, result: null })
        .onConflict((c) => c.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) return { result: await replay<R>(db, owner, claim.request_hash), changes: [] };
    }
    const write = new WriteTransaction(trx);
    const value = await spec.execute(write);
    await write.flush();
    if (owner) {
      await db
        .updateTable('write_request')
        .set({ result: JSON.stringify(value ?? null) })
        .where((eb) => eb.and(owner))
        .execute();
    }
    return { result: value, changes: write.changes };
  });
  context.writes.push(...changes);
  sweepNow(context.db as unknown as Kysely<WritableDB>);
  return result;
}

/** When each database last forgot its old idempotency keys: at most once a minute per process. */
const lastSweep = new WeakMap<object, number>();

function sweepNow(db: Kysely<WritableDB>): void {
  const now = Date.now();
  if (now - (lastSweep.get(db) ?? 0) < 60_000) return;
  lastSweep.set(db, now);
  // Housekeeping after the answer is settled: a failure only leaves old keys a minute longer.
  sweepIdempotencyKeys(db, IDEMPOTENCY_RETENTION_HOURS).catch(() => lastSweep.delete(db));
}

/** The answer to a retry: the first write's result, if the arguments are the same. */
async function replay<R>(db: Kysely<WritableDB>, owner: { issuer: string; subject: string; key: string; field_path: string }, requestHash: string): Promise<R> {
  const prior = await db
    .selectFrom('write_request')
    .select(['request_hash', 'result'])
    .where((eb) => eb.and(owner))
    .executeTakeFirstOrThrow();
  if (prior.request_hash !== requestHash) throw idempotencyKeyReused({ inResolver: true });
  return prior.result as R;
}

/** The mutation and its arguments, canonically: the same request gives the same hash whatever the key order. */
function fingerprint(info: GraphQLResolveInfo, args: unknown): string {
  return createHash('sha256').update(`${info.parentType.name}.${info.fieldName}\n`).update(canonicalJson(args)).digest('hex');
}

/** Forgets idempotency keys older than the retention (IDEMPOTENCY_RETENTION_HOURS): one statement, by the created_at index. */
export async function sweepIdempotencyKeys(db: Kysely<WritableDB>, hours: number): Promise<number> {
  const result = await db
    .deleteFrom('write_request')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
