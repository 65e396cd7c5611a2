import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The children whose residence (published by the registry) lies in a place: the hub's
 * data-quality check reads a township's children by this range, then this agency's own
 * records of each. Without it the range would read every child_place row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['create index child_place_residence_idx on child_place (residence_code, child_id)']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop index child_place_residence_idx']);
}
