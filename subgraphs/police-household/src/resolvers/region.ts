import { regionReference } from '@lbc/subgraph-kit';
import type { HouseholdRegionStatsResolvers, RegionResolvers } from '../generated/resolvers-types.ts';

export const Region: RegionResolvers = {
  // Regions belong to civil affairs: any well-formed code is a place to aggregate under, no table needed.

  __resolveReference: regionReference,
  householdStats: async (region, _, { loaders }) => (await loaders.householdStats.load(region.code))!,
};

export const HouseholdRegionStats: HouseholdRegionStatsResolvers = {
  registeredChildren: (s) => s.registered_children,
  registeredAfterReport: (s) => s.registered_after_report,
  unregisteredPending: (s) => s.unregistered_pending,
  mandatoryReportsAwaitingResponse: (s) => s.mandatory_reports_awaiting_response,
  mandatoryReportsResponding: (s) => s.mandatory_reports_responding,
  missingChildrenNotFound: (s) => s.missing_children_not_found,
  childrenWithParentServingSentence: (s) => s.children_with_parent_serving_sentence,
};
