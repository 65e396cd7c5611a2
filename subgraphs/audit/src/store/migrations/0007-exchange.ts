import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { AUDIT_WRITER_ROLE } from './0001-audit-log.ts';

/**
 * The exchange's state, in the hub database: per source agency and subscriber, the last
 * outbox position delivered (so a restart repeats nothing and loses nothing) and what is
 * still waiting (the operators' lag query); and the lease that lets one exchange process
 * deliver at a time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create table exchange_cursor (
        source text not null,
        subscriber text not null,
        position bigint not null default 0,
        delivered_at timestamptz,
        oldest_pending_at timestamptz,
        pending integer not null default 0,
        last_error text,
        checked_at timestamptz,
        primary key (source, subscriber)
      )`,
    `create table exchange_lease (
        name text primary key,
        holder text not null,
        expires_at timestamptz not null
      )`,
    `grant select, insert, update on exchange_cursor, exchange_lease to ${AUDIT_WRITER_ROLE}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table exchange_lease', 'drop table exchange_cursor']);
}
