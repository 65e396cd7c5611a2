import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * Writes go through the gateway too. Each mutation's entry lists what it changed
 * (`writes`: records, children, field names, versions — never values), and a mutation gets
 * an `attempted` entry before anything is written, so no write exists that the log did not
 * know of first. Entries from before keep a null `writes`, which the hash leaves out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `alter table audit_entry add column writes jsonb`,
    `alter table audit_entry drop constraint audit_entry_outcome_check`,
    `alter table audit_entry add constraint audit_entry_outcome_check check (outcome in ('ok', 'partial', 'rejected', 'error', 'attempted'))`,
  ]);
}

// No down migration, as for 0001: nothing in the hub removes what protects the log.
