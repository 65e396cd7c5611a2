import type { RollupDefinition } from '@lbc/subgraph-kit';

/**
 * Unexcused absence of the current pupils of one village's schools, per school term (the
 * label `schoolTermOf` gives; SQL `school_term_of` computes it from an attendance month).
 * A term without a row counts zero. Its `_from_rows` is in the migration 0006-school-stats-rollups.
 */
export const SCHOOL_TERM_ABSENCES: RollupDefinition = {
  name: 'school_term_absences',
  area: 'region_code',
  key: ['region_code', 'term'],
  sourceAreas: 'select region_code as area from school',
};
