import type { Principal } from '@lbc/schema';
import { childPlacesInScope, inScope, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * The registry's row rule for one child, as SQL over a `child` row (the table or an alias
 * of it): the hub's one jurisdiction rule. The child lives under the caller's region — the
 * registry's own place, judged first — or any other place of the child (household
 * registration, school) lies there, or it belongs to the caller's org (child_place). Lists
 * by region do not use it: a region filter means the residence village.
 */
export function childInScope(scope: Scope, principal: Principal, child = 'child'): RawBuilder<boolean> {
  const lives = inScope(scope, sql.ref(`${child}.village_code`));
  return sql<boolean>`(${lives} or ${childPlacesInScope(scope, principal, sql.ref(`${child}.id`))})`;
}
