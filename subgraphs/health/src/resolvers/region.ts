import { assertRegionInJurisdiction, countResolvers, regionReference } from '@lbc/subgraph-kit';
import type { HealthRegionStatsResolvers, RegionResolvers } from '../generated/resolvers-types.ts';
import type { HealthRegionStatsView } from '../loaders.ts';

/**
 * Civil affairs owns regions; this subgraph only counts children by residence code, so a
 * reference needs no table (regionReference refuses codes that are not division codes).
 */
export const Region: RegionResolvers = {
  __resolveReference: regionReference,
  // Counts only inside the caller's jurisdiction (a county may not read its province's
  // or its neighbour's totals).
  healthStats: async (region, _, { loaders, principal }) => {
    assertRegionInJurisdiction(principal, region.code);
    return (await loaders.healthStats.load(region.code))!;
  },
};

// Each count is released per field: exactly, or in bands of five (the kit's disclosure
// control). A county officer of another agency gets exact counts of the derived facts it
// may read (PROTECTIVE), banded ones of the diagnoses behind them (SENSITIVE).
export const HealthRegionStats: HealthRegionStatsResolvers = countResolvers<HealthRegionStatsView>('HealthRegionStats', 'health', {
  withHealthRecord: 'with_health_record',
  immunisationIncomplete: 'immunisation_incomplete',
  malnourished: 'malnourished',
  disabled: 'disabled',
  withChronicIllness: 'with_chronic_illness',
  mentalHealthHighRisk: 'mental_health_high_risk',
  hospitalised: 'hospitalised',
  withSeriousCondition: 'with_serious_condition',
  needingFollowUp: 'needing_follow_up',
});
