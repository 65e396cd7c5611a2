import { assertRegionInJurisdiction, countResolvers } from '@lbc/subgraph-kit';
import type { RegistryStatsRow } from '../loaders.ts';
import type { RegionResolvers, RegistryStatsResolvers } from '../generated/resolvers-types.ts';
import { quarterlyReporting } from './quarterly-reporting.ts';

export const Region: RegionResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.regionByCode.load(reference.code),
  parent: (region, _, { loaders }) => (region.parent_code ? loaders.regionByCode.load(region.parent_code) : null),
  children: (region, args, { loaders }) => loaders.subRegions(args).load(region.code),
  // Names and the hierarchy are public reference data; the counts are the caller's only inside its jurisdiction.
  registryStats: async (region, _, { loaders, principal }) => {
    assertRegionInJurisdiction(principal, region.code);
    return (await loaders.registryStats.load(region.code))!;
  },
  quarterlyReporting,
};

// Each count is released per field: exactly, or in bands of five (the kit's disclosure control).
export const RegistryStats: RegistryStatsResolvers = countResolvers<RegistryStatsRow>('RegistryStats', 'civil_affairs', {
  activeChildren: 'active_children',
  bothParentsAway: 'both_parents_away',
  oneParentAwayOtherUnable: 'one_parent_away_other_unable',
  deFactoUnsupported: 'de_facto_unsupported',
  guardianMissing: 'guardian_missing',
  withoutEntrustedGuardian: 'without_entrusted_guardian',
  openProtectionCases: 'open_protection_cases',
  onMinimumLivingAllowance: 'on_minimum_living_allowance',
});
