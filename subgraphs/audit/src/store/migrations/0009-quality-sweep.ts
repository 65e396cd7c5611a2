import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * Where the hub's scheduled data-quality sweep stands: the last township checked in the
 * sweep under way (checks go in township-code order), when it started and when the last
 * one finished. One row; a restarted exchange carries on from it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create table quality_sweep (
        id smallint primary key check (id = 1),
        position varchar(9),
        started_at timestamptz,
        finished_at timestamptz
      )`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table quality_sweep']);
}
