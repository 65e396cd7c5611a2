import type { Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * SQL: the caller may write for the pupils of the school aliased `school` in the statement.
 * Education records a child where it goes to school, so a write is the caller's when that
 * school stands in its region. A caller bound to a school records for that school's own
 * pupils only, as the action rules say ("a school records for its own pupils"): its
 * region is where it works, not a mandate over the other schools there. Reads are wider
 * (schoolInScope): a teacher may look at what it may not write.
 */
export function schoolWritable(scope: Scope, school: string): RawBuilder<boolean> {
  if (scope.none) return sql<boolean>`false`;
  if (scope.org) return sql<boolean>`(${sql.ref(`${school}.id`)} = ${scope.org})`;
  return sql<boolean>`(${sql.ref(`${school}.region_code`)} between ${scope.low} and ${scope.high})`;
}
