import type { RollupDefinition } from '@lbc/subgraph-kit';

/**
 * What the schools of one village count whatever the day: schools, their current pupils
 * (left-behind, boarding, unpaired) and those pupils' dropout state by their latest report.
 * Placed by the school's village, not the child's residence. Its `_from_rows` is in the
 * migration 0006-school-stats-rollups.
 */
export const SCHOOL_AREA_COUNTS: RollupDefinition = {
  name: 'school_area_counts',
  area: 'region_code',
  key: ['region_code'],
  sourceAreas: 'select region_code as area from school',
};
