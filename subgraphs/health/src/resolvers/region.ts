import { assertRegionInJurisdiction, regionReference, suppressSmallCells } from '@lbc/subgraph-kit';
import type { HealthRegionStatsResolvers, RegionResolvers } from '../generated/resolvers-types.ts';

/**
 * Civil affairs owns regions; this subgraph only counts children by residence code, so a
 * reference needs no table (regionReference refuses codes that are not division codes).
 */
export const Region: RegionResolvers = {
  __resolveReference: regionReference,
  // Counts only inside the caller's jurisdiction (a county may not read its province's
  // or its neighbour's totals), and small cells hidden from callers without record access.
  healthStats: async (region, _, { loaders, principal, purpose }) => {
    assertRegionInJurisdiction(principal, region.code);
    return suppressSmallCells((await loaders.healthStats.load(region.code))!, principal, purpose);
  },
};

export const HealthRegionStats: HealthRegionStatsResolvers = {
  withHealthRecord: (s) => s.with_health_record,
  immunisationIncomplete: (s) => s.immunisation_incomplete,
  malnourished: (s) => s.malnourished,
  disabled: (s) => s.disabled,
  withChronicIllness: (s) => s.with_chronic_illness,
  mentalHealthHighRisk: (s) => s.mental_health_high_risk,
  hospitalised: (s) => s.hospitalised,
  withSeriousCondition: (s) => s.with_serious_condition,
  needingFollowUp: (s) => s.needing_follow_up,
};
