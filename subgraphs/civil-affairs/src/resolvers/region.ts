import type { RegionResolvers, RegistryStatsResolvers } from '../generated/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.regionByCode.load(reference.code),
  parent: (region, _, { loaders }) => (region.parent_code ? loaders.regionByCode.load(region.parent_code) : null),
  children: (region, args, { loaders }) => loaders.subRegions(args).load(region.code),
  registryStats: async (region, _, { loaders }) => (await loaders.registryStats.load(region.code))!,
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
