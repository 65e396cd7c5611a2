import { AUDIT_READER_ROLE, AUDIT_WRITER_ROLE } from '@lbc/audit/store';
import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * What a service's runtime role may do in the database it serves, once the owner has
 * migrated it: read and write rows (writes, outbox, inbox, counts kept by triggers), take
 * the table locks a count refresh takes, read the migration bookkeeping at start. No DDL:
 * a service started before its migration job refuses to start instead of migrating.
 */
export function agencyRuntimeGrants(role: string): RawBuilder<unknown>[] {
  const to = sql.id(role);
  return [
    sql`grant usage on schema public to ${to}`,
    sql`grant select, insert, update, delete on all tables in schema public to ${to}`,
    sql`grant usage, select on all sequences in schema public to ${to}`,
  ];
}

/**
 * The hub database's runtime role (a gateway's, the exchange's): a member of the audit
 * writer role the hub's migrations define (append-only: no UPDATE, DELETE or TRUNCATE on
 * the log). Both roles the migrations define may read the migration bookkeeping, since
 * every process, the auditors' tools included, checks at start that the schema is current.
 */
export function hubRuntimeGrants(role: string): RawBuilder<unknown>[] {
  const writer = sql.id(AUDIT_WRITER_ROLE);
  return [sql`grant ${writer} to ${sql.id(role)}`, sql`grant select on kysely_migration, kysely_migration_lock to ${writer}, ${sql.id(AUDIT_READER_ROLE)}`];
}

/** Runs grants in one transaction: a role that does not exist fails them all. */
export async function applyGrants(db: Kysely<any>, grants: readonly RawBuilder<unknown>[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const grant of grants) await grant.execute(trx);
  });
}
