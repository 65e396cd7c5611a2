import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The children the hub's data-quality check discovered (主动发现): the id the other agencies
 * know each by and the village they place it in, as the exchange delivered them. The
 * registry holds no record of them; a township may register one under that id, so its
 * records everywhere join up. Only what the hub derived is kept, never the records behind it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create table discovered_child (
        child_id text primary key,
        village_code varchar(12) not null check (village_code ~ '^[0-9]{12}$'),
        handoff_id text not null,
        reason text not null,
        discovered_at timestamptz(3) not null default now()
      )`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop table discovered_child']);
}
