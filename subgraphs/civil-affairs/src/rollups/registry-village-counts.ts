import type { RollupDefinition } from '@lbc/subgraph-kit';

/**
 * The registry's counts per village (migration 0010 defines them, in
 * `registry_village_counts_from_rows`): the ACTIVE children living there, by category, with
 * an open DE_FACTO_UNSUPPORTED or GUARDIAN_MISSING flag, without an entrusted guardian, with
 * an OPEN protection case, on a GRANTED minimum living allowance. None depends on the date,
 * so a region's stats are the plain sum of its villages' rows.
 */
export const REGISTRY_VILLAGE_COUNTS: RollupDefinition = {
  name: 'registry_village_counts',
  area: 'village_code',
  key: ['village_code'],
  // A village whose children all exited holds no row: the rebuild finds it through the rollup itself.
  sourceAreas: `select village_code as area from child where status = 'ACTIVE'`,
};

/** The count columns of `registry_village_counts`, named as RegistryStats reads them. */
export const REGISTRY_COUNT_COLUMNS = [
  'active_children',
  'both_parents_away',
  'one_parent_away_other_unable',
  'de_facto_unsupported',
  'guardian_missing',
  'without_entrusted_guardian',
  'open_protection_cases',
  'on_minimum_living_allowance',
] as const;
