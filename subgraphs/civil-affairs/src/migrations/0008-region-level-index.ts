import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * A region's townships by code range (quarterly reporting counts a province's, city's or
 * county's towns): on the primary key alone the range also walks every village, whose
 * 12-digit codes sort inside it, and drops them one by one. (level, code) reads the
 * townships only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [`create index region_level_code_idx on region (level, code)`]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop index region_level_code_idx']);
}
