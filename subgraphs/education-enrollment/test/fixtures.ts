import { idNumberCheckChar } from '@lbc/schema';
import type { Kysely } from 'kysely';
import type { EducationDB } from '../src/db-types.ts';

/** A valid ID number: area (6) + birth date (8) + sequence (3, odd for boys) + its check character. */
export function idNumber(area: string, birthDate: string, sequence: string): string {
  const first17 = area + birthDate + sequence;
  return first17 + idNumberCheckChar(first17);
}

/** The fixture children's ID numbers (王小明 and 李小红 are the same children as in civil-affairs' fixtures). */
export const ID = {
  wang: idNumber('431003', '20120315', '001'),
  li: idNumber('431003', '20140708', '002'),
  liu: idNumber('431003', '20100520', '013'),
  chen: idNumber('431003', '20131102', '024'),
  yang: idNumber('431003', '20150214', '035'),
} as const;

/** 赵小宝 has no household registration, hence no ID number: a temporary student number. */
export const TEMPORARY_NUMBER = 'L00000000000000003';

/**
 * Four schools in two real counties (Suxian district, Hunan; Fushun county, Liaoning) and
 * six enrolled children:
 * - LB000000001 王小明, grade 6 at 白露塘镇中心小学, boarding, paired, attendance in several terms, counselling;
 * - LB000000002 李小红, transferred from 良田镇中心小学 to 白露塘镇中心小学 on 2024-02-26: the flag followed;
 * - LB000000003 赵小宝 (temporary number), Fushun; a RETURNED report in 2023, a PERSUADING one in 2024;
 * - LB000000004 刘小军, junior middle, not left behind, boarding, dropout RETURNED;
 * - LB000000005 陈小燕, left school on 2024-07-10 to join her parents: no current enrollment;
 * - LB000000006 杨小宇, grade 3, not paired, dropout REFERRED.
 */
export async function insertEnrollmentFixtures(db: Kysely<EducationDB>): Promise<void> {
  await db
    .insertInto('school')
    .values([
      { id: '431003101-P', name: '白露塘镇中心小学', kind: 'PRIMARY', region_code: '431003101001' },
      { id: '431003101-J', name: '白露塘镇中学', kind: 'JUNIOR_MIDDLE', region_code: '431003101202' },
      { id: '431003102-P', name: '良田镇中心小学', kind: 'PRIMARY', region_code: '431003102001' },
      { id: '210421101-P', name: '石文镇中心小学', kind: 'PRIMARY', region_code: '210421101001' },
    ])
    .execute();
  await db
    .insertInto('teacher')
    .values([
      { id: '431003101-P-T0', school_id: '431003101-P', name: '周老师', phone: '13600000001' },
      { id: '431003101-P-T1', school_id: '431003101-P', name: '吴老师', phone: null },
      { id: '431003101-P-T2', school_id: '431003101-P', name: '郑老师', phone: '13600000003' },
      { id: '431003102-P-T0', school_id: '431003102-P', name: '孙老师', phone: '13600000004' },
      { id: '210421101-P-T0', school_id: '210421101-P', name: '马老师', phone: '13600000005' },
    ])
    .execute();
  const current = { left_on: null, current: true };
  await db
    .insertInto('enrollment')
    .values([
      {
        ...current,
        child_id: 'LB000000001',
        id_number: ID.wang,
        student_number: `G${ID.wang}`,
        school_id: '431003101-P',
        grade: 6,
        class_name: '2班',
        boarding: true,
        left_behind: true,
        enrolled_on: '2018-09-01',
      },
      {
        child_id: 'LB000000002',
        id_number: ID.li,
        student_number: `G${ID.li}`,
        school_id: '431003102-P',
        grade: 3,
        class_name: '1班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2020-09-01',
        left_on: '2024-02-26',
        current: false,
      },
      {
        ...current,
        child_id: 'LB000000002',
        id_number: ID.li,
        student_number: `G${ID.li}`,
        school_id: '431003101-P',
        grade: 4,
        class_name: '1班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2024-02-26',
      },
      {
        ...current,
        child_id: 'LB000000003',
        id_number: null,
        student_number: TEMPORARY_NUMBER,
        school_id: '210421101-P',
        grade: 3,
        class_name: '1班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2022-09-01',
      },
      {
        ...current,
        child_id: 'LB000000004',
        id_number: ID.liu,
        student_number: `G${ID.liu}`,
        school_id: '431003101-J',
        grade: 8,
        class_name: '3班',
        boarding: true,
        left_behind: false,
        enrolled_on: '2023-09-01',
      },
      {
        child_id: 'LB000000005',
        id_number: ID.chen,
        student_number: `G${ID.chen}`,
        school_id: '431003101-P',
        grade: 5,
        class_name: '2班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2019-09-01',
        left_on: '2024-07-10',
        current: false,
      },
      {
        ...current,
        child_id: 'LB000000006',
        id_number: ID.yang,
        student_number: `G${ID.yang}`,
        school_id: '431003101-P',
        grade: 3,
        class_name: '1班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2021-09-01',
      },
    ])
    .execute();
  await db
    .insertInto('pairing')
    .values([
      { child_id: 'LB000000001', teacher_id: '431003101-P-T0', since: '2023-03-01' },
      { child_id: 'LB000000002', teacher_id: '431003101-P-T1', since: '2024-03-01' },
    ])
    .execute();
  await db
    .insertInto('attendance')
    .values([
      { child_id: 'LB000000001', month: '2024-03', unexcused_days: 2, excused_days: 1 },
      { child_id: 'LB000000001', month: '2024-09', unexcused_days: 3, excused_days: 0 },
      { child_id: 'LB000000001', month: '2024-10', unexcused_days: 1, excused_days: 2 },
      { child_id: 'LB000000001', month: '2025-02', unexcused_days: 4, excused_days: 0 },
      { child_id: 'LB000000002', month: '2024-09', unexcused_days: 0, excused_days: 2 },
      { child_id: 'LB000000003', month: '2024-09', unexcused_days: 12, excused_days: 0 },
      { child_id: 'LB000000003', month: '2024-10', unexcused_days: 15, excused_days: 0 },
      { child_id: 'LB000000005', month: '2024-03', unexcused_days: 6, excused_days: 0 },
      { child_id: 'LB000000006', month: '2024-09', unexcused_days: 5, excused_days: 1 },
    ])
    .execute();
  await db
    .insertInto('dropout_report')
    .values([
      { child_id: 'LB000000003', school_id: '210421101-P', reported_on: '2023-04-10', reason: '厌学', status: 'RETURNED', returned_on: '2023-05-08' },
      { child_id: 'LB000000003', school_id: '210421101-P', reported_on: '2024-05-20', reason: '照顾家人', status: 'PERSUADING', returned_on: null },
      { child_id: 'LB000000004', school_id: '431003101-J', reported_on: '2024-03-15', reason: '厌学', status: 'RETURNED', returned_on: '2024-04-01' },
      { child_id: 'LB000000006', school_id: '431003101-P', reported_on: '2024-06-01', reason: '家庭困难', status: 'REFERRED', returned_on: null },
    ])
    .execute();
  await db
    .insertInto('counselling_session')
    .values([
      { child_id: 'LB000000001', session_on: '2024-04-10', counsellor: '心理辅导教师 陈老师', notes: '思念父母，情绪低落' },
      { child_id: 'LB000000001', session_on: '2024-06-05', counsellor: '心理辅导教师 陈老师', notes: '每周与父母视频通话后情绪好转' },
    ])
    .execute();
}
