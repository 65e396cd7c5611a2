import type { Kysely } from 'kysely';
import type { EducationDB } from '../src/db-types.ts';
import { idNumber, insertEnrollmentFixtures } from './fixtures.ts';

/** ID numbers of the two children added for the jurisdiction tests. */
export const MORE_ID = {
  zhou: idNumber('210421', '20140903', '046'),
  wu: idNumber('431003', '20170612', '057'),
} as const;

/**
 * The places other agencies record for 吴小刚 (LB000000008), the hub's one rule: he
 * goes to school in Suxian (良田镇中心小学, town 431003102), lives in Guiyang county (431021),
 * is registered in Yizhang county (431022), belongs to station PS-431022100 and clinic
 * CL-431021100. He is the only fixture child with a `child_place` row: every other one is
 * placed by its school alone, as before.
 */
export const WU_PLACES = {
  child: 'LB000000008',
  residence: '431021100201',
  registration: '431022100201',
  school: '431003102001',
  schoolId: '431003102-P',
  stationId: 'PS-431022100',
  clinicId: 'CL-431021100',
} as const;

/**
 * The shared fixtures plus two children, so that every jurisdiction rule has a witness:
 * - LB000000007 周小雨 moved from 石文镇中心小学 (Fushun, Liaoning) to 白露塘镇中心小学 (Suxian,
 *   Hunan) on 2024-09-02: the new school sees her, the old county no longer does. She is
 *   also the fifth pupil in Bailutang town, so its enrolled count (5) survives suppression.
 * - LB000000008 吴小刚, grade 2 at 良田镇中心小学: Liangtian town's only current pupil.
 */
export async function insertJurisdictionFixtures(db: Kysely<EducationDB>): Promise<void> {
  await insertEnrollmentFixtures(db);
  const zhou = { child_id: 'LB000000007', id_number: MORE_ID.zhou, student_number: `G${MORE_ID.zhou}`, class_name: '1班', boarding: false, left_behind: true };
  await db
    .insertInto('enrollment')
    .values([
      { ...zhou, school_id: '210421101-P', grade: 4, enrolled_on: '2020-09-01', left_on: '2024-08-30', current: false },
      { ...zhou, school_id: '431003101-P', grade: 5, enrolled_on: '2024-09-02', left_on: null, current: true },
      {
        child_id: 'LB000000008',
        id_number: MORE_ID.wu,
        student_number: `G${MORE_ID.wu}`,
        school_id: '431003102-P',
        grade: 2,
        class_name: '1班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2023-09-01',
        left_on: null,
        current: true,
      },
    ])
    .execute();
  await db
    .insertInto('child_place')
    .values({
      child_id: WU_PLACES.child,
      residence_code: WU_PLACES.residence,
      registration_code: WU_PLACES.registration,
      school_code: WU_PLACES.school,
      school_id: WU_PLACES.schoolId,
      station_id: WU_PLACES.stationId,
      clinic_id: WU_PLACES.clinicId,
    })
    .execute();
}
