import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { AUDIT_WRITER_ROLE } from './0001-audit-log.ts';

/**
 * The gateway's memory of mutation requests sent with an `Idempotency-Key`: per caller and
 * key, a fingerprint of the request (operation and variables) and, once answered, the
 * response, so a retry gets the first answer again — `json`, not `jsonb`, so it is replayed
 * as it was written, members in their order. Rows older than the retention are swept by
 * age (the created_at index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create table idempotent_response (
        issuer text not null,
        subject text not null,
        key text not null,
        request_hash text not null,
        status integer,
        response json,
        created_at timestamptz not null default now(),
        primary key (issuer, subject, key)
      )`,
    `create index idempotent_response_created_at on idempotent_response (created_at)`,
    `grant select, insert, update, delete on idempotent_response to ${AUDIT_WRITER_ROLE}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table idempotent_response']);
}
