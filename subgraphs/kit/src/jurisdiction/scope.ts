import { forbidden, villageCodeRange, type Agency, type Principal, type Purpose } from '@lbc/schema';
import type { GraphQLError } from 'graphql';
import { sql, type RawBuilder } from 'kysely';

/**
 * Which children a principal may see, as data for SQL. A child is in scope when the
 * place this agency records for it (residence village, school, household address)
 * lies under the principal's region prefix, or — for principals bound to an org (a
 * school, a police station, a clinic) — when this agency relates the child to that org,
 * wherever the child lives. Auditors see no child rows at all.
 */
export interface Scope {
  /** The principal's division-code prefix. */
  prefix: string;
  /** The 12-digit village codes the prefix covers: `location between low and high`. */
  low: string;
  high: string;
  /** The org the principal acts for, if bound to one. */
  org: string | null;
  /** No row is in scope (auditors). */
  none: boolean;
}

/**
 * The scope of `principal` in the subgraph of agency `owner`. An org claim counts only in
 * its own agency's subgraph: a school is an education org, a station a police one; a
 * youth-league token claiming a school, or a teacher claiming a clinic, gains nothing.
 */
export function scopeOf(principal: Principal, owner: Agency): Scope {
  const { low, high } = villageCodeRange(principal.region);
  const org = principal.org !== undefined && principal.agency === owner ? principal.org : null;
  return { prefix: principal.region, low, high, org, none: principal.agency === 'audit' };
}

/**
 * SQL: the row is in scope. `location` is the row's 12-digit village code; `orgColumn`
 * the org this agency relates the row to (school, station, clinic), when it has one.
 * Both are column references or expressions of the query they are used in.
 */
export function inScope(scope: Scope, location: RawBuilder<unknown>, orgColumn?: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.none) return sql<boolean>`false`;
  const located = sql<boolean>`(${location} between ${scope.low} and ${scope.high})`;
  return scope.org && orgColumn ? sql<boolean>`(${located} or ${orgColumn} = ${scope.org})` : located;
}

/** The error for a lookup of a record outside the caller's jurisdiction: null at that path, and this reason. */
export function outsideJurisdiction(what: string): GraphQLError {
  return forbidden(`${what} is outside your jurisdiction`, { reason: 'OUTSIDE_JURISDICTION', inResolver: true });
}

/**
 * The part of a requested region the principal may see: a county officer asking for the
 * province gets the county, one asking for another county gets an error. Returns the
 * code whose range to query.
 */
export function regionWithinScope(scope: Scope, code: string): string {
  if (scope.none) throw outsideJurisdiction(`region ${code}`);
  if (code.startsWith(scope.prefix)) return code;
  if (scope.prefix.startsWith(code)) return scope.prefix;
  throw outsideJurisdiction(`region ${code}`);
}

/** Aggregates are readable for regions inside the jurisdiction only (a county may not read its province's totals). */
export function assertRegionInJurisdiction(principal: Principal, code: string): void {
  if (principal.agency === 'audit' || !code.startsWith(principal.region)) throw outsideJurisdiction(`region ${code}`);
}

/**
 * The width of the bands counts are released in to callers who may not have them exactly
 * (see disclosure-control.ts): counts below it are suppressed, small cells identify children.
 */
export const SMALL_CELL_THRESHOLD = 5;

/**
 * Whether the caller may see the children behind a count, the first condition of exact
 * counts: county, town and village principals working on records may; city and province
 * principals only under SUPERVISION; nobody under STATISTICS.
 */
export function hasRecordAccess(principal: Principal, purpose: Purpose): boolean {
  if (purpose === 'STATISTICS' || principal.agency === 'audit') return false;
  return ['county', 'town', 'village'].includes(principal.level) || purpose === 'SUPERVISION';
}
