import { runDdl, WRITE_TABLES_DDL } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The registry becomes writable: the kit's outbox, inbox and idempotency tables; a version
 * on the records that are edited (a child's file, an assistance application); hub ids for
 * children registered from now on; and OTHER among the reasons to exit the registry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...WRITE_TABLES_DDL,
    `alter table child add column version integer not null default 1`,
    `alter table assistance add column version integer not null default 1`,
    // Children registered in the hub get LB9xxxxxxxx; numbers below are those brought over from the systems before it.
    `create sequence child_number start with 900000001`,
    `alter table child drop constraint child_exit_reason_check`,
    `alter table child add constraint child_exit_reason_check check (exit_reason in ('JOINED_PARENTS', 'PARENT_RETURNED', 'TURNED_SIXTEEN', 'OTHER'))`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `alter table child drop constraint child_exit_reason_check`,
    `alter table child add constraint child_exit_reason_check check (exit_reason in ('JOINED_PARENTS', 'PARENT_RETURNED', 'TURNED_SIXTEEN'))`,
    `drop sequence child_number`,
    `alter table assistance drop column version`,
    `alter table child drop column version`,
    `drop table write_request`,
    `drop table inbox`,
    `drop table outbox`,
  ]);
}
