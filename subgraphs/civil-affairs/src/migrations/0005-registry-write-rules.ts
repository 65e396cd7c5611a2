import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * Rules of the registry's writes the database keeps too: one quarterly review per child and
 * quarter, and at most one open (applied or granted) assistance of each kind per child —
 * the writes check both under the child's row lock, the indexes hold even for SQL outside
 * them. And the date a child left the registry, which exitChild is given: the file keeps it
 * until the child is readmitted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create unique index quarterly_review_child_quarter on quarterly_review (child_id, quarter)`,
    `create unique index assistance_open_per_kind on assistance (child_id, kind) where status in ('APPLIED', 'GRANTED')`,
    `alter table child add column exited_on date`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [`alter table child drop column exited_on`, `drop index assistance_open_per_kind`, `drop index quarterly_review_child_quarter`]);
}
