import type { SchoolStatsRow } from './loaders.ts';

/**
 * What SchoolRegionStats resolves from: the exact counts of one region and term. Each
 * count of children is released by its field resolver, exactly or in bands of five (the
 * kit's `countResolvers`); the number of schools is released as it is: schools are
 * public institutions that `Region.schools` lists to everyone, so it identifies no child.
 */
export type SchoolStats = SchoolStatsRow;
