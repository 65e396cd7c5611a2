import type { Principal, Purpose } from '@lbc/schema';
import { suppressSmallCells } from '@lbc/subgraph-kit';
import type { SchoolStatsRow } from './loaders.ts';

/** The counts of a stats row that are about children: the ones small-cell suppression applies to. */
type ChildCounts = { [K in Exclude<keyof SchoolStatsRow, 'code' | 'term' | 'schools'>]: number | null };

/** School statistics as released to one caller: a child count is null when it was suppressed. */
export type SchoolStats = Pick<SchoolStatsRow, 'code' | 'term' | 'schools'> & ChildCounts;

/**
 * Counts from 1 to 4 become null for callers without record access to the region (see
 * the kit's `suppressSmallCells`). The number of schools is released as it is: schools
 * are public institutions that `Region.schools` lists to everyone, so it identifies no child.
 */
export function releasedSchoolStats(row: SchoolStatsRow, principal: Principal, purpose: Purpose): SchoolStats {
  const { code, term, schools, ...counts } = row;
  return { code, term, schools, ...suppressSmallCells<ChildCounts>(counts, principal, purpose) };
}
