import type { EducationDB } from '@lbc/education-enrollment';
import type { Insertable } from 'kysely';
import { insertRows } from '../insert-rows.ts';
import type { SeedProjection } from '../seed-projection.ts';
import { writeChildPlaces } from './child-places.ts';
import { educationHolds, enrollmentCurrent, enrollmentLeftBehind } from '../world/as-recorded.ts';
import { AS_OF } from '../world/world-days.ts';
import { givenName, mobile, surname } from '../world/names.ts';
import { Random } from '../world/random.ts';
import type { SyntheticChild } from '../world/synthetic-child.ts';

export const TEACHERS_PER_SCHOOL = 5;

/** Teacher ids are derived from the school, so a child's `pairedTeacherIndex` names one without a lookup. */
export const teacherId = (schoolId: string, index: number) => `${schoolId}-T${index}`;

type School = Insertable<EducationDB['school']>;
type Enrollment = Insertable<EducationDB['enrollment']>;
type SchoolPart = NonNullable<SyntheticChild['school']>;

const YEAR = Number(AS_OF.slice(0, 4));
/** When transferred children moved: the start of the spring term, or two weeks into the autumn one. */
const SPRING_TRANSFER = `${YEAR}-03-01`;
const AUTUMN_TRANSFER = `${YEAR}-09-16`;

/**
 * The enrollment system: a central primary and a junior middle school per township,
 * standing in its seat village, five teachers each; then each school-age child's
 * enrollments, attendance, dropout reports, paired teacher and counselling.
 */
export const educationEnrollmentProjection: SeedProjection<EducationDB> = {
  async prepare(db, places) {
    const schools: School[] = [...places.townSeat].flatMap(([town, seat]) => {
      // Township schools are called after the township (白露塘镇中心小学); failing its name, after the seat village.
      const place = places.names.get(town) ?? (placeStem(places.names.get(seat) ?? '') || town);
      return [
        { id: `${town}-P`, name: `${place}中心小学`, kind: 'PRIMARY', region_code: seat },
        { id: `${town}-J`, name: `${place}中学`, kind: 'JUNIOR_MIDDLE', region_code: seat },
      ];
    });
    await insertRows(db, 'school', schools);
    const teachers = schools.flatMap((school, s) =>
      Array.from({ length: TEACHERS_PER_SCHOOL }, (_, k) => {
        const r = new Random(3_000_000 + s * TEACHERS_PER_SCHOOL + k);
        return { id: teacherId(school.id, k), school_id: school.id, name: surname(r) + givenName(r), phone: mobile(r) };
      }),
    );
    await insertRows(db, 'teacher', teachers);
  },

  async writeBatch(db, children) {
    // Every child's places, pupil or not: a county sees the enrollment of a child who lives there.
    await writeChildPlaces(db, children);
    const pupils = children.filter(educationHolds).map((c) => ({ c, s: c.school }));
    await insertRows(
      db,
      'enrollment',
      pupils.flatMap(({ c, s }) => enrollmentRows(c, s)),
    );
    await insertRows(
      db,
      'attendance',
      pupils.flatMap(({ c, s }) =>
        // The world draws the same months for everyone; a child who started school this autumn has no spring record.
        s.absences.filter((a) => a.month >= s.enrolledOn.slice(0, 7)).map((a) => ({ child_id: c.id, month: a.month, unexcused_days: a.unexcusedDays, excused_days: a.excusedDays })),
      ),
    );
    await insertRows(
      db,
      'dropout_report',
      pupils.flatMap(({ c, s }) =>
        s.dropout
          ? [{ child_id: c.id, school_id: schoolOn(s, s.dropout.reportedOn), reported_on: s.dropout.reportedOn, reason: s.dropout.reason, status: s.dropout.status, returned_on: s.dropout.returnedOn }]
          : [],
      ),
    );
    await insertRows(
      db,
      'pairing',
      pupils.map(({ c, s }) => ({ child_id: c.id, teacher_id: teacherId(s.schoolId, s.pairedTeacherIndex), since: currentSince(s) })),
    );
    await insertRows(
      db,
      'counselling_session',
      pupils.flatMap(({ c, s }) => s.counselling.map((x) => ({ child_id: c.id, session_on: x.sessionOn, counsellor: x.counsellor, notes: x.notes }))),
    );
  },
};

/**
 * The current enrollment and, for a transferred child, the one it closed. Both carry the
 * same left-behind flag: the flag follows the enrollment (档案随学籍流转). It is the
 * registry's status, so a child who is no longer left behind is not flagged at school either
 * (as-recorded.ts: unless the school failed to). A child who left to live with its parents
 * was transferred out on the day it left the registry: no enrollment of it is current.
 */
function enrollmentRows(c: SyntheticChild, s: SchoolPart): Enrollment[] {
  const common = { child_id: c.id, id_number: c.idNumber, student_number: s.studentNumber, class_name: s.className, boarding: s.boarding, left_behind: enrollmentLeftBehind(c) };
  const still = enrollmentCurrent(c);
  const current: Enrollment = { ...common, school_id: s.schoolId, grade: s.grade, enrolled_on: currentSince(s), left_on: still ? null : AS_OF, current: still };
  if (!s.previousSchoolId) return [current];
  const movedOn = transferDate(s);
  // Grades advance in September: a spring transfer left the old school one grade lower.
  const previousGrade = movedOn < `${YEAR}-09-01` ? Math.max(1, s.grade - 1) : s.grade;
  return [{ ...common, school_id: s.previousSchoolId, grade: previousGrade, enrolled_on: levelEntryDate(s), left_on: movedOn, current: false }, current];
}

/** The world's `enrolledOn` is the first day of grade 1; a junior middle school enrolls at grade 7, six years later. */
function levelEntryDate(s: SchoolPart): string {
  return s.grade >= 7 ? `${Number(s.enrolledOn.slice(0, 4)) + 6}-09-01` : s.enrolledOn;
}

function transferDate(s: SchoolPart): string {
  return levelEntryDate(s) < SPRING_TRANSFER ? SPRING_TRANSFER : AUTUMN_TRANSFER;
}

/** Since when the child has been at its current school. */
function currentSince(s: SchoolPart): string {
  return s.previousSchoolId ? transferDate(s) : levelEntryDate(s);
}

/** The school a report made on `date` came from: before a transfer, the old one. */
function schoolOn(s: SchoolPart, date: string): string {
  return s.previousSchoolId && date < transferDate(s) ? s.previousSchoolId : s.schoolId;
}

/** 白露塘社区居民委员会 → 白露塘: the place name a school is called after. */
function placeStem(villageName: string): string {
  return villageName.replace(/(社区)?(居民委员会|村民委员会|居委会|村委会|委员会)$/, '').replace(/(社区|村)$/, '');
}
