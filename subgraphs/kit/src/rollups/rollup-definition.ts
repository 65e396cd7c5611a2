/**
 * One count table an agency keeps beside its rows: counts per area (a 12-digit village
 * code, or a school's place) and, where a count is about a period, per period too. Region
 * aggregates at every level are sums over its rows, so a province costs its villages,
 * never its children.
 *
 * The agency's migration creates, for a rollup named `n`:
 * - the table `n`, whose primary key is `key`;
 * - `n_from_rows(codes text[]) returns setof n`: the counts of those areas recomputed from
 *   the rows, the one definition of what is counted (the rollup's refresh and the
 *   consistency check both run it);
 * - triggers on the rows it counts that call `rollup_mark('n', area)` for the area a row
 *   counted in before a change and the one it counts in after;
 * - `refresh_n`, from `rollupRefreshDdl`.
 */
export interface RollupDefinition {
  name: string;
  /** The area column of the table. */
  area: string;
  /** The table's key columns, area first. */
  key: readonly string[];
  /** SQL selecting one column `area`: every area the rows place something in (what a rebuild walks). */
  sourceAreas: string;
}
