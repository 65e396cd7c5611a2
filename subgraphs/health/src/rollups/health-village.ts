import type { RollupDefinition } from '@lbc/subgraph-kit';

/**
 * Health counts per village of residence (migration 0005): what `Region.healthStats` sums.
 * Its immunisation and follow-up counts are as of the rollup clock's day, not today: the
 * region read corrects them to the day asked (health-region-stats.ts).
 */
export const HEALTH_VILLAGE: RollupDefinition = {
  name: 'health_village',
  area: 'residence_code',
  key: ['residence_code'],
  sourceAreas: 'select residence_code as area from patient',
};
