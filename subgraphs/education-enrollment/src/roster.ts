import { badUserInput, pageLoaderFamily, toConnection, type Connection, type CursorKey, type PageArgs, type PageWindow, type Scope } from '@lbc/subgraph-kit';
import type DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import type { EducationDB, EnrollmentRow } from './db-types.ts';
import { schoolInScope } from './jurisdiction.ts';

/**
 * One page of the current pupils of many schools, in ONE statement, holding only the
 * pupils the principal may see. It ranks rows per school like the kit's per-parent list
 * loader, which cannot take a filter: here the school is joined so the jurisdiction test
 * runs in the same statement. Per school the verdict is all or nothing: every pupil of a
 * school in scope (by location or as the principal's own), none of any other.
 */
export function rosterFamily(db: Kysely<EducationDB>, scope: Scope): (args: PageArgs) => DataLoader<string, Connection<EnrollmentRow>> {
  return pageLoaderFamily(3, (schoolIds, window) => rosterPages(db, scope, schoolIds, window));
}

async function rosterPages(db: Kysely<EducationDB>, scope: Scope, schoolIds: readonly string[], window: PageWindow): Promise<Connection<EnrollmentRow>[]> {
  const after = window.after ? sql`and (e.grade, e.class_name, e.child_id) > (${sql.join(rosterKey(window.after))})` : sql``;
  const { rows } = await sql<EnrollmentRow & { _rank: number }>`
    select * from (
      select e.*, row_number() over (partition by e.school_id order by e.grade, e.class_name, e.child_id) as _rank
      from enrollment e
      join school s on s.id = e.school_id
      where e.current and e.school_id in (${sql.join(schoolIds as string[])}) and ${schoolInScope(scope, 's')} ${after}
    ) ranked
    where _rank <= ${window.first + 1}
    order by _rank`.execute(db);
  const bySchool = new Map<string, EnrollmentRow[]>(schoolIds.map((id) => [id, []]));
  for (const { _rank, ...enrollment } of rows) bySchool.get(enrollment.school_id)?.push(enrollment);
  return schoolIds.map((id) => toConnection(bySchool.get(id)!, window.first, (row) => [row.grade, row.class_name, row.child_id]));
}

/**
 * Cursors are not signed: a hand-made one could put text where the smallint grade goes,
 * which PostgreSQL would reject as an internal error. Refuse it as the client's mistake.
 */
function rosterKey(after: CursorKey): CursorKey {
  const [grade, className, childId] = after;
  if (!Number.isInteger(grade) || (grade as number) < 1 || (grade as number) > 9 || typeof className !== 'string' || typeof childId !== 'string') {
    throw badUserInput('"after" is not a cursor returned by this list', { argumentName: 'after' });
  }
  return after;
}
