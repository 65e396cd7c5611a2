import { assertRegionInJurisdiction, regionReference, suppressSmallCells } from '@lbc/subgraph-kit';
import type { HouseholdRegionStatsResolvers, RegionResolvers } from '../generated/resolvers-types.ts';
import type { HouseholdStats } from '../loaders.ts';

export const Region: RegionResolvers = {
  // Regions belong to civil affairs: any well-formed code is a place to aggregate under, no table needed.

  __resolveReference: regionReference,
  // Only regions inside the jurisdiction (every child counted there is then in scope by place),
  // and counts of 1–4 suppressed for callers without record access: small cells identify children.
  householdStats: async (region, _, { loaders, principal, purpose }) => {
    assertRegionInJurisdiction(principal, region.code);
    return suppressSmallCells<HouseholdStats>((await loaders.householdStats.load(region.code))!, principal, purpose);
  },
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
