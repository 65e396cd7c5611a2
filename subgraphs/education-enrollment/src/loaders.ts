import type { Principal } from '@lbc/schema';
import {
  childInJurisdiction,
  keyedLoader,
  pagedListLoaderFamily,
  pageLoaderFamily,
  regionRanges,
  scopeOf,
  toConnection,
  type Connection,
  type PageArgs,
  type PageWindow,
  type Scope,
  type Scoped,
} from '@lbc/subgraph-kit';
import type DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import type { AttendanceRow, CounsellingSessionRow, DropoutReportRow, EducationDB, EnrollmentRow, PairedTeacherRow, SchoolRow, TeacherRow } from './db-types.ts';
import { ENROLLED_CHILD, schoolInScope } from './jurisdiction.ts';
import type { SchoolTerm } from './school-term.ts';

export interface SchoolStatsRow {
  code: string;
  term: string;
  schools: number;
  enrolled_children: number;
  enrolled_left_behind: number;
  boarding: number;
  boarding_left_behind: number;
  left_behind_without_paired_teacher: number;
  dropouts_open: number;
  dropouts_returned: number;
  unexcused_absence_days: number;
  children_with_unexcused_absence: number;
}

/**
 * Per-request loaders: every field that touches the database goes through one, so a page
 * of N children costs one statement per field, not N. They are built for one principal:
 * the loaders that find children (latest enrollments, rosters) apply its jurisdiction in
 * their SQL. Histories hanging off a child (attendance, reports, counselling...) are only
 * reached through a child already found in scope, so they need no filter of their own;
 * schools and teachers are institutions, not child data, and stay open.
 */
export function createLoaders(db: Kysely<EducationDB>, principal: Principal) {
  const scope = scopeOf(principal, 'education');
  return {
    /** The caller's jurisdiction, for the SQL of writes (see writes/school-writable.ts). */
    scope,
    schoolById: keyedLoader(
      (ids: readonly string[]) => db.selectFrom('school').selectAll().where('id', 'in', ids).execute(),
      (row) => row.id,
    ),
    /**
     * The current enrollment, or the latest one when the child is enrolled nowhere now;
     * null: unknown here. Its school decides whether the child is in scope (so a child who
     * left school, dropout control, stays with the school it left), and so do the child's
     * other places and orgs (the hub's one rule, childInJurisdiction).
     */
    latestEnrollmentByChild: keyedLoader(
      (ids: readonly string[]) => latestEnrollmentsBy(db, scope, principal, 'child_id', ids),
      (row) => row.child_id,
    ),
    latestEnrollmentByStudentNumber: keyedLoader(
      (numbers: readonly string[]) => latestEnrollmentsBy(db, scope, principal, 'student_number', numbers),
      (row) => row.student_number,
    ),
    latestDropoutByChild: keyedLoader(
      (ids: readonly string[]) =>
        db.selectFrom('dropout_report').selectAll().distinctOn('child_id').where('child_id', 'in', ids).orderBy('child_id').orderBy('reported_on', 'desc').orderBy('id', 'desc').execute(),
      (row) => row.child_id,
    ),
    pairedTeacherByChild: keyedLoader(
      (ids: readonly string[]): Promise<PairedTeacherRow[]> =>
        db
          .selectFrom('pairing')
          .innerJoin('teacher', 'teacher.id', 'pairing.teacher_id')
          .selectAll('teacher')
          .select(['pairing.child_id', 'pairing.since'])
          .where('pairing.child_id', 'in', ids)
          .execute(),
      (row) => row.child_id,
    ),
    enrollmentHistory: pagedListLoaderFamily<EnrollmentRow>(db, {
      table: 'enrollment',
      parentColumn: 'child_id',
      orderBy: ['enrolled_on', 'id'],
      direction: 'desc',
    }),
    attendance: pagedListLoaderFamily<AttendanceRow>(db, {
      table: 'attendance',
      parentColumn: 'child_id',
      orderBy: ['month'],
      direction: 'desc',
    }),
    dropoutReports: pagedListLoaderFamily<DropoutReportRow>(db, {
      table: 'dropout_report',
      parentColumn: 'child_id',
      orderBy: ['reported_on', 'id'],
      direction: 'desc',
    }),
    counsellingSessions: pagedListLoaderFamily<CounsellingSessionRow>(db, {
      table: 'counselling_session',
      parentColumn: 'child_id',
      orderBy: ['session_on', 'id'],
      direction: 'desc',
    }),
    // A school's current pupils, all or none: every pupil of a school in scope (by location or as the caller's own).
    roster: pagedListLoaderFamily<EnrollmentRow>(db, {
      table: 'enrollment',
      alias: 'e',
      join: sql`join school s on s.id = e.school_id`,
      parentColumn: 'school_id',
      orderBy: ['grade', 'class_name', 'child_id'],
      direction: 'asc',
      where: sql<boolean>`e.current and ${schoolInScope(scope, 's')}`,
    }),
    teachers: pagedListLoaderFamily<TeacherRow>(db, {
      table: 'teacher',
      parentColumn: 'school_id',
      orderBy: ['id'],
      direction: 'asc',
    }),
    schoolsInRegion: schoolsInRegionFamily(db),
    schoolStats: schoolStatsFamily(db),
  };
}

export type EducationLoaders = ReturnType<typeof createLoaders>;

/**
 * One enrollment per key: `distinct on` keeps the first row, so current first, then the
 * newest. The same statement judges the child against the scope (`in_scope`: its school,
 * or any of its places), so a lookup can refuse an out-of-scope child without a second query.
 */
function latestEnrollmentsBy(db: Kysely<EducationDB>, scope: Scope, principal: Principal, column: 'child_id' | 'student_number', keys: readonly string[]): Promise<Scoped<EnrollmentRow>[]> {
  return db
    .selectFrom('enrollment as e')
    .innerJoin('school as s', 's.id', 'e.school_id')
    .selectAll('e')
    .select(childInJurisdiction(scope, principal, ENROLLED_CHILD).as('in_scope'))
    .distinctOn(`e.${column}`)
    .where(`e.${column}`, 'in', keys)
    .orderBy(`e.${column}`)
    .orderBy('e.current', 'desc')
    .orderBy('e.enrolled_on', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/**
 * Schools located in each of many regions (any level), one page per region in ONE
 * statement: the region ranges are joined to school and ranked per region, like the
 * kit's per-parent list loader but on a code range instead of an equal key.
 */
function schoolsInRegionFamily(db: Kysely<EducationDB>): (args: PageArgs) => DataLoader<string, Connection<SchoolRow>> {
  return pageLoaderFamily(2, (codes, window) => schoolPages(db, codes, window));
}

async function schoolPages(db: Kysely<EducationDB>, codes: readonly string[], window: PageWindow): Promise<Connection<SchoolRow>[]> {
  const after = window.after ? sql`and (s.region_code, s.id) > (${String(window.after[0])}, ${String(window.after[1])})` : sql``;
  const { rows } = await sql<SchoolRow & { _region: string; _rank: number }>`
    select * from (
      select r.code as _region, s.*, row_number() over (partition by r.code order by s.region_code, s.id) as _rank
      from ${regionRanges(codes)}
      join school s on s.region_code between r.low and r.high ${after}
    ) ranked
    where _rank <= ${window.first + 1}
    order by _rank`.execute(db);
  const byRegion = new Map<string, SchoolRow[]>(codes.map((code) => [code, []]));
  for (const { _region, _rank, ...school } of rows) byRegion.get(_region)?.push(school);
  return codes.map((code) => toConnection(byRegion.get(code)!, window.first, (row) => [row.region_code, row.id]));
}

/** One keyed loader per school term: regions asked for the same term share a statement. */
function schoolStatsFamily(db: Kysely<EducationDB>): (term: SchoolTerm) => DataLoader<string, SchoolStatsRow | null> {
  const loaders = new Map<string, DataLoader<string, SchoolStatsRow | null>>();
  return (term) => {
    let loader = loaders.get(term.label);
    if (!loader) {
      loader = keyedLoader(
        (codes: readonly string[]) => schoolStats(db, codes, term),
        (row) => row.code,
      );
      loaders.set(term.label, loader);
    }
    return loader;
  };
}

/**
 * Counts for many regions in one statement, summed from the rollups (src/rollups/): each
 * region a range over the village codes of both count tables, the absences filtered to the
 * one term. A region without schools, or a term without attendance, sums to zero.
 */
async function schoolStats(db: Kysely<EducationDB>, codes: readonly string[], term: SchoolTerm): Promise<SchoolStatsRow[]> {
  const { rows } = await sql<SchoolStatsRow>`
    select r.code, ${term.label}::text as term, c.*, a.*
    from ${regionRanges(codes)}
    cross join lateral (
      select
        coalesce(sum(t.schools), 0)::int as schools,
        coalesce(sum(t.enrolled_children), 0)::int as enrolled_children,
        coalesce(sum(t.enrolled_left_behind), 0)::int as enrolled_left_behind,
        coalesce(sum(t.boarding), 0)::int as boarding,
        coalesce(sum(t.boarding_left_behind), 0)::int as boarding_left_behind,
        coalesce(sum(t.left_behind_without_paired_teacher), 0)::int as left_behind_without_paired_teacher,
        coalesce(sum(t.dropouts_open), 0)::int as dropouts_open,
        coalesce(sum(t.dropouts_returned), 0)::int as dropouts_returned
      from school_area_counts t where t.region_code between r.low and r.high
    ) c
    cross join lateral (
      select
        coalesce(sum(t.unexcused_absence_days), 0)::int as unexcused_absence_days,
        coalesce(sum(t.children_with_unexcused_absence), 0)::int as children_with_unexcused_absence
      from school_term_absences t where t.term = ${term.label} and t.region_code between r.low and r.high
    ) a`.execute(db);
  return rows;
}
