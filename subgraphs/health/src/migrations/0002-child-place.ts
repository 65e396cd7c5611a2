import { CHILD_PLACE_DDL, runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The places of every child, shared by all agencies (the kit's child-places.ts): the row
 * rule reads them so that a child is in scope here by ANY of its places, not only the one
 * this agency records itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, CHILD_PLACE_DDL);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table child_place']);
}
