import type { Principal } from '@lbc/schema';
import { childPlacesInScope, inScope, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Education's row rule, in one place: a child belongs where its school stands. Education
 * does not record where a child lives; it records the school, so a row tied to a school
 * (an enrollment) is in scope when that school stands in the principal's region, or is
 * the principal's own school (a teacher sees its pupils wherever the school or they are).
 * `school` is the alias of the `school` table in the statement the fragment goes into.
 */
export function schoolInScope(scope: Scope, school: string): RawBuilder<boolean> {
  return inScope(scope, sql.ref(`${school}.region_code`), sql.ref(`${school}.id`));
}

/**
 * The hub's one rule for a child's own rows (issue #3), as education applies it to an
 * enrollment `enrollment` at school `school` (aliases in the statement): in scope where its
 * school is (the rule above, kept first so rows without a `child_place` entry still judge as
 * before), or where any other place of the child is — the county it lives or is registered
 * in — or when it belongs to the caller's org of another agency (its police station, its
 * clinic). Only for lookups of one child's data: lists by region or school stay by school.
 */
export function enrolledChildInScope(scope: Scope, principal: Principal, enrollment: string, school: string): RawBuilder<boolean> {
  return sql<boolean>`(${schoolInScope(scope, school)} or ${childPlacesInScope(scope, principal, sql.ref(`${enrollment}.child_id`))})`;
}
