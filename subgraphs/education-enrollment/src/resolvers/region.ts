import { assertRegionInJurisdiction, countResolvers, regionReference } from '@lbc/subgraph-kit';
import type { RegionResolvers, SchoolRegionStatsResolvers } from '../generated/resolvers-types.ts';
import type { SchoolStats } from '../school-stats.ts';
import { schoolTermOf, todayInChina } from '../school-term.ts';

/** Civil affairs owns regions (names, hierarchy); here a region is its code and what schools in it count. */
export const Region: RegionResolvers = {
  __resolveReference: regionReference,
  // Checked before loading: a region beside or above the jurisdiction costs no query. Every
  // school counted stands inside an allowed region, so the counts need no row filter.
  schoolStats: async (region, { asOf }, { loaders, principal }) => {
    assertRegionInJurisdiction(principal, region.code);
    return (await loaders.schoolStats(schoolTermOf(asOf ?? todayInChina())).load(region.code))!;
  },
  schools: (region, args, { loaders }) => loaders.schoolsInRegion(args).load(region.code),
};

// Each count of children is released per field: exactly, or in bands of five (the kit's
// disclosure control). `term` and `schools` (public institutions) resolve as they are.
export const SchoolRegionStats: SchoolRegionStatsResolvers = countResolvers<SchoolStats>('SchoolRegionStats', 'education', {
  enrolledChildren: 'enrolled_children',
  enrolledLeftBehind: 'enrolled_left_behind',
  boarding: 'boarding',
  boardingLeftBehind: 'boarding_left_behind',
  leftBehindWithoutPairedTeacher: 'left_behind_without_paired_teacher',
  dropoutsOpen: 'dropouts_open',
  dropoutsReturned: 'dropouts_returned',
  unexcusedAbsenceDaysThisTerm: 'unexcused_absence_days',
  childrenWithUnexcusedAbsenceThisTerm: 'children_with_unexcused_absence',
});
