import { inScope, type ChildColumns, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Education's list scope: a child belongs where its school stands. Education does not
 * record where a child lives; it records the school, so a row tied to a school (an
 * enrollment) is listed when that school stands in the principal's region, or is the
 * principal's own school (a teacher sees its pupils wherever the school or they are).
 * `school` is the alias of the `school` table in the statement the fragment goes into.
 */
export function schoolInScope(scope: Scope, school: string): RawBuilder<boolean> {
  return inScope(scope, sql.ref(`${school}.region_code`), sql.ref(`${school}.id`));
}

/**
 * Where education places a child, for the hub's one rule (the kit's childInJurisdiction)
 * over an enrollment `e` at school `s`: the school's village and the school itself. Only
 * for lookups of one child's data: lists by region or school stay by school.
 */
export const ENROLLED_CHILD: ChildColumns = { place: 's.region_code', org: 's.id', childId: 'e.child_id' };
