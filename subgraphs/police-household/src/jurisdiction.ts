import { villageCodeRange, type Principal } from '@lbc/schema';
import { childPlacesInScope, inScope, regionWithinScope, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * The police's row rule (issue #3), on top of the kit's `inScope`: a child is placed at its
 * household's registered address — or, while unregistered, at the village recorded with the
 * handover — and belongs to its household's station. `police_child` carries both
 * (`place_code`, `station_id`), so every query about children states the rule the same way.
 */
export function childInScope(scope: Scope, alias: string): RawBuilder<boolean> {
  return inScope(scope, sql.ref(`${alias}.place_code`), sql.ref(`${alias}.station_id`));
}

/**
 * The hub's one rule for a lookup of a child (issue #3): in scope by the police's own place and
 * station (the rule above, kept first so rows without a `child_place` entry still judge as
 * before), or by any other place of the child — where it lives, where its school stands — or
 * when it belongs to the caller's org of another agency (a teacher's school, a clinic). Only
 * for lookups of one child's rows: lists by region keep the police's own place.
 */
export function childLookupInScope(scope: Scope, principal: Principal, alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${childInScope(scope, alias)} or ${childPlacesInScope(scope, principal, sql.ref(`${alias}.id`))})`;
}

/** A household: its registered address and the station keeping it — the same two facts its children are scoped by. */
export function householdInScope(scope: Scope, alias: string): RawBuilder<boolean> {
  return inScope(scope, sql.ref(`${alias}.address_code`), sql.ref(`${alias}.station_id`));
}

/**
 * The scope of a list for a requested region: the kit clamps the region to the jurisdiction
 * (FORBIDDEN beside it). Asked for the whole jurisdiction or more, the list holds everything
 * in scope — for a station-bound caller its station's rows too, wherever they lie. Asked for
 * a part of it, it holds the rows placed there: "reports in village V" must not fill up with
 * the station's reports from elsewhere, and rows placed in V are in scope by place anyway.
 */
export function regionListScope(scope: Scope, regionCode: string): Scope {
  const region = regionWithinScope(scope, regionCode);
  if (region === scope.prefix) return scope;
  return { ...scope, prefix: region, ...villageCodeRange(region), org: null };
}
