import { LOOKUP_RULES } from '@lbc/schema';
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

/** The lookups by identifier, as `Query.field` (what an entry's fetches list) and by field name (what its operation text shows). */
const LOOKUP_COORDINATES = Object.keys(LOOKUP_RULES);
const LOOKUP_IN_TEXT = `\\m(${LOOKUP_COORDINATES.map((c) => c.split('.')[1]).join('|')})\\(`;

/**
 * An entry that looked a record up by identifier and got "not found" (or was refused for
 * too many of those): the lookup shows in the fetches it made, or — refused before any
 * fetch — in the operation it would have run.
 */
export const failedIdentifierLookup: RawBuilder<boolean> = sql<boolean>`(e.error_codes && array['NOT_FOUND', 'RATE_LIMITED']::text[] and (
  e.operation_text ~ ${LOOKUP_IN_TEXT}
  or exists (select 1 from jsonb_array_elements(e.fetches) f cross join jsonb_array_elements_text(f->'fields') c(coordinate) where c.coordinate = any(${LOOKUP_COORDINATES}::text[]))
))`;

/** The entries behind FAILED_IDENTIFIER_LOOKUPS refused as throttled. */
export const throttledLookup: RawBuilder<boolean> = sql<boolean>`('RATE_LIMITED' = any(e.error_codes))`;

/** The entries behind an anomaly of `kind`. */
export const ENTRIES_BEHIND: Record<AnomalyKind, RawBuilder<boolean>> = {
  MANY_CHILDREN: returnsChildData,
  OUT_OF_HOURS: outOfHours,
  MANY_DENIALS: hasDenials,
  BREAK_GLASS: usedBreakGlass,
  FAILED_IDENTIFIER_LOOKUPS: failedIdentifierLookup,
};
