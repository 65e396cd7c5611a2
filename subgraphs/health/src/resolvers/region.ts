import { regionReference } from '@lbc/subgraph-kit';
import type { HealthRegionStatsResolvers, RegionResolvers } from '../generated/resolvers-types.ts';

/**
 * Civil affairs owns regions; this subgraph only counts children by residence code, so a
 * reference needs no table (regionReference refuses codes that are not division codes).
 */
export const Region: RegionResolvers = {
  __resolveReference: regionReference,
  healthStats: async (region, _, { loaders }) => (await loaders.healthStats.load(region.code))!,
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
