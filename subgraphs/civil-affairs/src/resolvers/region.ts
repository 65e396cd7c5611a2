import { assertRegionInJurisdiction, suppressSmallCells } from '@lbc/subgraph-kit';
import type { RegionResolvers, RegistryStatsResolvers } from '../generated/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.regionByCode.load(reference.code),
  parent: (region, _, { loaders }) => (region.parent_code ? loaders.regionByCode.load(region.parent_code) : null),
  children: (region, args, { loaders }) => loaders.subRegions(args).load(region.code),
  // Names and the hierarchy are public reference data; the counts are the caller's only inside its jurisdiction.
  registryStats: async (region, _, { loaders, principal, purpose }) => {
    assertRegionInJurisdiction(principal, region.code);
    return suppressSmallCells((await loaders.registryStats.load(region.code))!, principal, purpose);
  },
};

export const RegistryStats: RegistryStatsResolvers = {
  activeChildren: (s) => s.active_children,
  bothParentsAway: (s) => s.both_parents_away,
  oneParentAwayOtherUnable: (s) => s.one_parent_away_other_unable,
  deFactoUnsupported: (s) => s.de_facto_unsupported,
  guardianMissing: (s) => s.guardian_missing,
  withoutEntrustedGuardian: (s) => s.without_entrusted_guardian,
  openProtectionCases: (s) => s.open_protection_cases,
  onMinimumLivingAllowance: (s) => s.on_minimum_living_allowance,
};
