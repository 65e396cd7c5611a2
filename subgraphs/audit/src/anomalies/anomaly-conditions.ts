import { sql, type RawBuilder } from 'kysely';
import type { AnomalyKind } from '../generated/resolvers-types.ts';
import { CHINA_TIME_ZONE, WORKING_HOURS_END, WORKING_HOURS_START } from './anomaly-thresholds.ts';

/**
 * Which entries of `audit_entry e` count towards each kind of anomaly: the same SQL decides
 * the aggregate that finds an anomaly and the entries listed behind it, so the two agree.
 */
export const returnsChildData: RawBuilder<boolean> = sql<boolean>`(cardinality(e.child_ids) > 0)`;

const chinaTime = sql`timezone(${CHINA_TIME_ZONE}::text, e.at)::time`;

export const outOfHours: RawBuilder<boolean> = sql<boolean>`(${returnsChildData} and (${chinaTime} < ${WORKING_HOURS_START}::time or ${chinaTime} >= ${WORKING_HOURS_END}::time))`;

export const hasDenials: RawBuilder<boolean> = sql<boolean>`(jsonb_array_length(e.denied) > 0)`;

export const usedBreakGlass: RawBuilder<boolean> = sql<boolean>`e.break_glass`;

/** The entries behind an anomaly of `kind`. */
export const ENTRIES_BEHIND: Record<AnomalyKind, RawBuilder<boolean>> = {
  MANY_CHILDREN: returnsChildData,
  OUT_OF_HOURS: outOfHours,
  MANY_DENIALS: hasDenials,
  BREAK_GLASS: usedBreakGlass,
};
