import { villageCodeRange } from '@lbc/schema';
import { inScope, regionWithinScope, type ChildColumns, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Where the police place a child, over a `police_child` row: at its household's registered
 * address — or, while unregistered, at the village recorded with the handover — and with
 * its household's station. Lookups of one child apply the hub's one rule over these
 * columns (the kit's childInJurisdiction).
 */
export const POLICE_CHILD: ChildColumns = { place: 'police_child.place_code', org: 'police_child.station_id', childId: 'police_child.id' };

/** The police's list scope: lists of children (and of reports by their child) filter by the police's own place and station alone. */
export function childListedInScope(scope: Scope, alias: string): RawBuilder<boolean> {
  return inScope(scope, sql.ref(`${alias}.place_code`), sql.ref(`${alias}.station_id`));
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
