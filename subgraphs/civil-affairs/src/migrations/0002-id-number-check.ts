import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/** The registry's copy of an ID number gets the same shape check as the police's and health's. */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [`alter table child add constraint child_id_number_shape check (id_number ~ '^[0-9]{17}[0-9X]$')`]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['alter table child drop constraint child_id_number_shape']);
}
