import type { Principal } from '@lbc/schema';
import { childPlacesInScope, inScope, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Health's own place rule, as SQL over a patient row aliased `p`: the child lives in the
 * caller's region, or the caller is bound to the clinic that keeps the child's record
 * (a township health centre follows its patients wherever they live). A clinic's patient
 * list is filtered by it alone, as every list is by its own place.
 */
export function patientInScope(scope: Scope): RawBuilder<boolean> {
  return inScope(scope, sql.ref('p.residence_code'), sql.ref('p.clinic_id'));
}

/**
 * The hub's one row rule for a child's health slice (lookups, `_entities`, derived facts):
 * health's own place rule first, or any other place of the child (household registration,
 * school) under the caller's region, or the child belongs to the caller's org of another
 * agency (a teacher's school, a police station) — read from child_place.
 */
export function patientVisible(scope: Scope, principal: Principal): RawBuilder<boolean> {
  return sql<boolean>`(${patientInScope(scope)} or ${childPlacesInScope(scope, principal, sql.ref('p.child_id'))})`;
}
