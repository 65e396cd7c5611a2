import { assertRegionInJurisdiction, regionReference } from '@lbc/subgraph-kit';
import type { RegionResolvers, SchoolRegionStatsResolvers } from '../generated/resolvers-types.ts';
import { releasedSchoolStats } from '../school-stats.ts';
import { schoolTermOf, todayInChina } from '../school-term.ts';

/** Civil affairs owns regions (names, hierarchy); here a region is its code and what schools in it count. */
export const Region: RegionResolvers = {
  __resolveReference: regionReference,
  // Checked before loading: a region beside or above the jurisdiction costs no query. Every
  // school counted stands inside an allowed region, so the counts need no row filter.
  schoolStats: async (region, { asOf }, { loaders, principal, purpose }) => {
    assertRegionInJurisdiction(principal, region.code);
    const row = (await loaders.schoolStats(schoolTermOf(asOf ?? todayInChina())).load(region.code))!;
    return releasedSchoolStats(row, principal, purpose);
  },
  schools: (region, args, { loaders }) => loaders.schoolsInRegion(args).load(region.code),
};

export const SchoolRegionStats: SchoolRegionStatsResolvers = {
  enrolledChildren: (s) => s.enrolled_children,
  enrolledLeftBehind: (s) => s.enrolled_left_behind,
  boardingLeftBehind: (s) => s.boarding_left_behind,
  leftBehindWithoutPairedTeacher: (s) => s.left_behind_without_paired_teacher,
  dropoutsOpen: (s) => s.dropouts_open,
  dropoutsReturned: (s) => s.dropouts_returned,
  unexcusedAbsenceDaysThisTerm: (s) => s.unexcused_absence_days,
  childrenWithUnexcusedAbsenceThisTerm: (s) => s.children_with_unexcused_absence,
};
