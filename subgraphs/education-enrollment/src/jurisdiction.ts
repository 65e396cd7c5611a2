import { inScope, outsideJurisdiction, type Scope } from '@lbc/subgraph-kit';
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

/** A row with the jurisdiction verdict computed by the same statement that read it. */
export type Scoped<Row> = Row & { in_scope: boolean };

/**
 * For lookups of one record: unknown here stays a plain null, but a record outside the
 * jurisdiction is null WITH a FORBIDDEN error, so the caller can tell "not ours to show"
 * from "does not exist" and never receives the data.
 */
export function visibleOrForbidden<Row>(row: Scoped<Row> | null, what: string): Scoped<Row> | null {
  if (row && !row.in_scope) throw outsideJurisdiction(what);
  return row;
}
