import { runDdl, WRITE_TABLES_DDL } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The health record becomes writable: the kit's outbox, inbox and idempotency tables.
 * Health's records are appended, never edited, so none takes a version. The writes need
 * no index beyond those 0001 made: each locks its patient by primary key; a dose recorded
 * twice is refused by the (child_id, vaccine, dose) unique constraint; an ID number issued
 * by the police is set by primary key and checked against the unique index on id_number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, WRITE_TABLES_DDL);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table write_request', 'drop table inbox', 'drop table outbox']);
}
