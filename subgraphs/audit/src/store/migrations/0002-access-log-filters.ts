import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * Indexes for the auditors' filters that 0001 does not serve. Measured on PostgreSQL 15
 * with 100,000 entries (EXPLAIN ANALYZE): `breakGlass: true` and `outcome: rejected` were
 * sequential scans of the whole log (20 ms and 49 ms, growing with the log) because such
 * entries are rare; with these they are index scans of a few rows (< 0.1 ms). Both are
 * partial, over the rare rows only, so the gateway's writes barely pay for them. The
 * common outcome `ok` and `breakGlass: false` are served by the primary key, newest first.
 * Child, region, subject, time and field-class filters already have their indexes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    // Break-glass entries, newest first: the breakGlass filter and the BREAK_GLASS anomaly.
    `create index audit_entry_break_glass_idx on audit_entry (seq desc) where break_glass`,
    `create index audit_entry_outcome_idx on audit_entry (outcome, seq desc) where outcome <> 'ok'`,
  ]);
}

// No down migration, as for 0001: nothing in the hub removes what protects the log.
