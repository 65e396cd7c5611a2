import { assertRegionInJurisdiction, countResolvers, regionReference } from '@lbc/subgraph-kit';
import type { HouseholdRegionStatsResolvers, RegionResolvers } from '../generated/resolvers-types.ts';
import type { HouseholdStats } from '../loaders.ts';

export const Region: RegionResolvers = {
  // Regions belong to civil affairs: any well-formed code is a place to aggregate under, no table needed.

  __resolveReference: regionReference,
  // Only regions inside the jurisdiction (every child counted there is then in scope by place).
  householdStats: async (region, _, { loaders, principal }) => {
    assertRegionInJurisdiction(principal, region.code);
    return (await loaders.householdStats.load(region.code))!;
  },
};

// Each count is released per field: exactly, or in bands of five (the kit's disclosure control).
export const HouseholdRegionStats: HouseholdRegionStatsResolvers = countResolvers<HouseholdStats>('HouseholdRegionStats', 'police', {
  registeredChildren: 'registered_children',
  registeredAfterReport: 'registered_after_report',
  unregisteredPending: 'unregistered_pending',
  mandatoryReportsAwaitingResponse: 'mandatory_reports_awaiting_response',
  mandatoryReportsResponding: 'mandatory_reports_responding',
  missingChildrenNotFound: 'missing_children_not_found',
  childrenWithParentServingSentence: 'children_with_parent_serving_sentence',
});
