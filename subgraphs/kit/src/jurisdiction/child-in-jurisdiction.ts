import type { Principal } from '@lbc/schema';
import { sql, type RawBuilder } from 'kysely';
import { inScope, type Scope } from './scope.ts';

/**
 * Where a subgraph's own row places a child: column references (`alias.column`) of the
 * statement the rule goes into.
 */
export interface ChildColumns {
  /** The 12-digit village code this agency records for the child: residence, household address, school. */
  place: string;
  /** The org this agency relates the child to (school, station, clinic), when it records one. */
  org?: string;
  /** The child's hub id. */
  childId: string;
}

/**
 * SQL: the hub's one jurisdiction rule for a child's rows, the same in every agency
 * subgraph. The child is in scope by the agency's own place or org (judged first, so rows
 * without a `child_place` entry judge as the agency alone would), or by ANY other place of
 * the child — where it lives, where its household is registered, where its school stands —
 * under the caller's region, or because it belongs to the caller's org of any agency (a
 * teacher's school, a police station, a clinic). For lookups of one child's rows, entity
 * references and derived facts; lists by region filter by the agency's own place only.
 */
export function childInJurisdiction(scope: Scope, principal: Principal, columns: ChildColumns): RawBuilder<boolean> {
  const own = inScope(scope, sql.ref(columns.place), columns.org ? sql.ref(columns.org) : undefined);
  return sql<boolean>`(${own} or ${anyChildPlaceInScope(scope, principal, sql.ref(columns.childId))})`;
}

/** Which org column a principal's org claim is matched against: a school is an education org, a station a police one, a clinic a health one. */
const ORG_COLUMN: Partial<Record<Principal['agency'], 'school_id' | 'station_id' | 'clinic_id'>> = {
  education: 'school_id',
  police: 'station_id',
  health: 'clinic_id',
};

/**
 * SQL: the child `childId` is in the caller's jurisdiction by any of its places in
 * child_place, or belongs to the caller's org — whichever agency's subgraph asks. One
 * indexed lookup per row (child_place's primary key).
 */
function anyChildPlaceInScope(scope: Scope, principal: Principal, childId: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.none) return sql<boolean>`false`;
  const orgColumn = principal.org !== undefined ? ORG_COLUMN[principal.agency] : undefined;
  const byOrg = orgColumn ? sql`or ${sql.ref(`cp.${orgColumn}`)} = ${principal.org}` : sql``;
  return sql<boolean>`exists (select 1 from child_place cp where cp.child_id = ${childId} and (
    cp.residence_code between ${scope.low} and ${scope.high}
    or cp.registration_code between ${scope.low} and ${scope.high}
    or cp.school_code between ${scope.low} and ${scope.high}
    ${byOrg}))`;
}
