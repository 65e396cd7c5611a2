import type { RollupDefinition } from '@lbc/subgraph-kit';

/** The counts `Region.householdStats` sums, in the order of the table's columns after the village. */
export const HOUSEHOLD_VILLAGE_COUNTS = [
  'registered_children',
  'registered_after_report',
  'unregistered_pending',
  'mandatory_reports_awaiting_response',
  'mandatory_reports_responding',
  'missing_children_not_found',
  'children_with_parent_serving_sentence',
] as const;

/**
 * The police's household counts per village: where `police_child` places each child (its
 * household's registered address, or the handover's village while unregistered). Created,
 * counted and kept by migration 0007-household-rollup. Every household address and every
 * pending handover's village is walked on a rebuild: a superset of the children's places,
 * and cheaper to list than the view.
 */
export const HOUSEHOLD_VILLAGE: RollupDefinition = {
  name: 'household_village',
  area: 'village_code',
  key: ['village_code'],
  sourceAreas: `select address_code::text as area from household union select village_code::text from unregistered_child where status = 'PENDING'`,
};
