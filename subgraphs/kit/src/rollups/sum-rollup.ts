import { sql, type Kysely, type RawBuilder } from 'kysely';
import { regionRanges } from '../loaders/region-ranges.ts';

export interface RollupSum {
  /** The rollup table. */
  table: string;
  /** Its area column (12-digit codes). */
  area: string;
  /** Count columns, summed under the same names. */
  columns: readonly string[];
  /** Narrows the rows summed, e.g. to one period: a condition on alias `t`. */
  where?: RawBuilder<boolean>;
}

/**
 * Region aggregates from a rollup: for each region code, the sum of its areas' rows, in one
 * statement for all codes (each region a btree range over the area column). A region with
 * no rows gets zeros, as a count over no children would.
 */
export async function sumRollup<Row extends { code: string }>(db: Kysely<any>, spec: RollupSum, codes: readonly string[]): Promise<Row[]> {
  const sums = spec.columns.map((c) => sql`coalesce(sum(t.${sql.ref(c)}), 0)::int as ${sql.ref(c)}`);
  const { rows } = await sql<Row>`
    select r.code, ${sql.join(sums)}
    from ${regionRanges(codes)}
    left join ${sql.table(spec.table)} t on t.${sql.ref(spec.area)} between r.low and r.high ${spec.where ? sql`and ${spec.where}` : sql``}
    group by r.code`.execute(db);
  return rows;
}
