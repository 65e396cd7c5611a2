import { CHILD_PLACE_DDL, runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The hub's one jurisdiction rule: a child is in scope when ANY of its places
 * (residence, household registration, school) lies under the caller's region, or it belongs
 * to the caller's org. Every agency database holds the same `child_place` table for it
 * (see the kit's child-places.ts): places are shared between agencies, facts are not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, CHILD_PLACE_DDL);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table child_place']);
}
