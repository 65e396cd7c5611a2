import { sql, type Kysely } from 'kysely';
import { rollupAreaChunks } from './rollup-areas.ts';
import type { RollupDefinition } from './rollup-definition.ts';

/** One row where the rollup and a recount from the rows disagree. */
export interface RollupMismatch {
  rollup: string;
  /** The row a recount gives, or null when the rollup holds a row the rows no longer support. */
  expected: Record<string, unknown> | null;
  /** The row the rollup holds, or null when it lacks one. */
  actual: Record<string, unknown> | null;
}

/**
 * The consistency check: recounts every area from the rows (`<name>_from_rows`) and
 * compares each rollup row with it, column by column. A mismatch means a write changed
 * rows without its area being recomputed. Read-only; `limit` bounds the report, not the walk.
 */
export async function checkRollups(db: Kysely<any>, rollups: readonly RollupDefinition[], options: { chunkSize?: number; limit?: number } = {}): Promise<RollupMismatch[]> {
  const limit = options.limit ?? 100;
  const mismatches: RollupMismatch[] = [];
  for (const rollup of rollups) {
    const table = sql.table(rollup.name);
    const fromRows = sql.raw(`${rollup.name}_from_rows`);
    const key = sql.join(rollup.key.map((k) => sql.ref(k)));
    for (const codes of await rollupAreaChunks(db, rollup, options.chunkSize ?? 5000)) {
      // Rows are compared whole, as JSON; the key pairs the two sides.
      const { rows } = await sql<{ expected: Record<string, unknown> | null; actual: Record<string, unknown> | null }>`
        select to_jsonb(e) - '_k' as expected, to_jsonb(a) - '_k' as actual
        from (select f.*, row(${key})::text as _k from ${fromRows}(${codes}::text[]) f) e
        full join (select t.*, row(${key})::text as _k from ${table} t where ${sql.ref(rollup.area)} = any(${codes}::text[])) a on a._k = e._k
        where e._k is null or a._k is null or to_jsonb(e) is distinct from to_jsonb(a)
        limit ${limit - mismatches.length}`.execute(db);
      mismatches.push(...rows.map((r) => ({ rollup: rollup.name, expected: r.expected, actual: r.actual })));
      if (mismatches.length >= limit) return mismatches;
    }
  }
  return mismatches;
}
