import type { Principal } from '@lbc/schema';
import { outsideJurisdiction } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Which audit entries a caller may read, as data for SQL. Auditors are scoped like every
 * principal of the hub: an entry is in an auditor's jurisdiction when the region of the
 * principal who made the request lies under the auditor's region (a county auditor sees
 * the requests of its county's, towns' and villages' principals). Entries without a
 * principal — failed authentication, which belongs to no place — go to province
 * auditors only, the level that oversees the hub's front door. Everyone else: nothing.
 */
export type AuditorScope = { auditor: false } | { auditor: true; prefix: string; seesUnauthenticated: boolean };

export function auditorScope(principal: Principal): AuditorScope {
  // A region that is not all digits cannot come from a verified token; treat it as no jurisdiction rather than build a pattern from it.
  if (principal.agency !== 'audit' || !/^\d+$/.test(principal.region)) return { auditor: false };
  return { auditor: true, prefix: principal.region, seesUnauthenticated: principal.level === 'province' };
}

/**
 * SQL over an `audit_entry` aliased `e`: the entry is in the caller's jurisdiction and,
 * when `regionCode` is given, its principal's region lies under that code too. A region
 * wider than the jurisdiction is narrowed to it (a county auditor asking for its province
 * gets its county); a disjoint one is refused with FORBIDDEN, as everywhere in the hub.
 * Entries without a principal have no region, so they never match a region filter.
 */
export function entryInScope(scope: AuditorScope, regionCode?: string | null): RawBuilder<boolean> {
  if (!scope.auditor) return sql<boolean>`false`;
  const prefix = regionCode ? narrowedPrefix(scope.prefix, regionCode) : scope.prefix;
  // `like 'prefix%'` with a literal prefix is a range scan of audit_entry_region_idx (text_pattern_ops).
  const underPrefix = sql<boolean>`e.region like ${`${prefix}%`}`;
  if (scope.seesUnauthenticated && !regionCode) return sql<boolean>`(${underPrefix} or e.subject is null)`;
  return underPrefix;
}

/** The longer of two codes on one line of the hierarchy; FORBIDDEN when they are not on one line. */
export function narrowedPrefix(jurisdiction: string, regionCode: string): string {
  if (regionCode.startsWith(jurisdiction)) return regionCode;
  if (jurisdiction.startsWith(regionCode)) return jurisdiction;
  throw outsideJurisdiction(`region ${regionCode}`);
}
