import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/** The roster now filters `enrollment` directly (with the jurisdiction rule), so the view has no reader. */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['drop view current_enrollment']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, ['create view current_enrollment as select * from enrollment where current']);
}
