import { inScope, type Scope } from '@lbc/subgraph-kit';
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
