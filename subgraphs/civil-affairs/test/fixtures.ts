import { idNumberCheckChar } from '@lbc/schema';
import type { Kysely } from 'kysely';
import type { CivilAffairsDB } from '../src/db-types.ts';

/** Valid ID numbers (check characters verified) for the fixture children. */
export const ID = {
  wang: '431003201203150019',
  li: '431003201407080024',
} as const;

/**
 * A small real slice of the hierarchy (Suxian district, Hunan; Fushun county, Liaoning)
 * with three children: two in Suxian, one in Fushun.
 */
export async function insertRegistryFixtures(db: Kysely<CivilAffairsDB>): Promise<void> {
  await db
    .insertInto('region')
    .values([
      { code: '43', name: '湖南省', level: 'PROVINCE', parent_code: null },
      { code: '4310', name: '郴州市', level: 'CITY', parent_code: '43' },
      { code: '431003', name: '苏仙区', level: 'COUNTY', parent_code: '4310' },
      { code: '431003101', name: '白露塘镇', level: 'TOWN', parent_code: '431003' },
      { code: '431003101201', name: '白露塘村', level: 'VILLAGE', parent_code: '431003101' },
      { code: '431003101202', name: '塘溪村', level: 'VILLAGE', parent_code: '431003101' },
      { code: '21', name: '辽宁省', level: 'PROVINCE', parent_code: null },
      { code: '2104', name: '抚顺市', level: 'CITY', parent_code: '21' },
      { code: '210421', name: '抚顺县', level: 'COUNTY', parent_code: '2104' },
      { code: '210421100', name: '石文镇', level: 'TOWN', parent_code: '210421' },
      { code: '210421100201', name: '石文村', level: 'VILLAGE', parent_code: '210421100' },
    ])
    .execute();
  await db
    .insertInto('staff')
    .values([
      { id: 'S1', name: '刘督导', role: 'VILLAGE_SUPERVISOR', region_code: '431003101201', phone: '13800000001' },
      { id: 'S2', name: '陈主任', role: 'TOWN_OFFICER', region_code: '431003101', phone: null },
    ])
    .execute();
  const child = {
    ethnicity: '汉族',
    status: 'ACTIVE' as const,
    exit_reason: null,
    registered_on: '2023-03-01',
    responsible_staff_id: 'S1',
  };
  await db
    .insertInto('child')
    .values([
      {
        ...child,
        id: 'LB000000001',
        id_number: ID.wang,
        name: '王小明',
        sex: 'MALE',
        birth_date: '2012-03-15',
        village_code: '431003101201',
        category: 'BOTH_PARENTS_AWAY',
        left_behind_since: '2019-02-01',
      },
      {
        ...child,
        id: 'LB000000002',
        id_number: ID.li,
        name: '李小红',
        sex: 'FEMALE',
        birth_date: '2014-07-08',
        village_code: '431003101202',
        category: 'ONE_PARENT_AWAY_OTHER_UNABLE',
        left_behind_since: '2020-06-01',
      },
      {
        ...child,
        id: 'LB000000003',
        id_number: null,
        name: '赵小宝',
        sex: 'MALE',
        birth_date: '2016-01-20',
        village_code: '210421100201',
        category: 'BOTH_PARENTS_AWAY',
        left_behind_since: '2021-09-01',
        responsible_staff_id: null,
      },
    ])
    .execute();
  await db
    .insertInto('parent')
    .values([
      { child_id: 'LB000000001', role: 'FATHER', name: '王大伟', is_away: true, work_place: '广东省东莞市', phone: '13900000001', unable_reason: null },
      { child_id: 'LB000000001', role: 'MOTHER', name: '张丽', is_away: true, work_place: '广东省深圳市', phone: '13900000002', unable_reason: null },
      { child_id: 'LB000000002', role: 'MOTHER', name: '李芳', is_away: false, work_place: null, phone: null, unable_reason: '重病' },
    ])
    .execute();
  await db
    .insertInto('guardian')
    .values({ child_id: 'LB000000001', name: '王奶奶', relationship: 'GRANDPARENT', capacity: 'LIMITED', phone: '13700000001', confirmation_signed_on: '2023-03-05' })
    .execute();
  await db
    .insertInto('risk_flag')
    .values([
      { child_id: 'LB000000002', kind: 'FAMILY_HARDSHIP', raised_on: '2022-01-10', cleared_on: null },
      { child_id: 'LB000000002', kind: 'GUARDIAN_MISSING', raised_on: '2021-05-01', cleared_on: '2021-08-01' },
    ])
    .execute();
  await db
    .insertInto('home_visit')
    .values([
      { child_id: 'LB000000001', visited_on: '2024-01-10', visitor_staff_id: 'S1', concern_raised: false, findings: '生活正常' },
      { child_id: 'LB000000001', visited_on: '2024-04-12', visitor_staff_id: 'S1', concern_raised: true, findings: '祖母身体变差' },
      { child_id: 'LB000000001', visited_on: '2024-07-15', visitor_staff_id: 'S1', concern_raised: false, findings: null },
      { child_id: 'LB000000002', visited_on: '2024-05-01', visitor_staff_id: 'S1', concern_raised: false, findings: null },
    ])
    .execute();
  await db
    .insertInto('protection_case')
    .values({ child_id: 'LB000000002', kind: 'NEGLECT', status: 'OPEN', opened_on: '2024-05-02', closed_on: null, summary: '母亲重病，无人照料', lead_staff_id: 'S2' })
    .execute();
  await db.insertInto('assistance').values({ child_id: 'LB000000002', kind: 'MINIMUM_LIVING_ALLOWANCE', status: 'GRANTED', amount_yuan: 450.5, started_on: '2022-02-01', ended_on: null }).execute();
}

/**
 * The places of a child whose life crosses county lines (Changsha, Hunan; none of them
 * Suxian or Fushun, so the fixtures above keep their counts):
 *
 * | place                  | code          | county              |
 * | residence (registry)   | 430121102201  | A: 长沙县 430121     |
 * | household registration | 430181102224  | B: 浏阳市 430181     |
 * | school                 | 430111101202  | C: 雨花区 430111     |
 *
 * The registry itself records only the residence; the other places come from child_place,
 * as the other agencies publish them. The child has an open protection case.
 */
export const CROSSING = {
  id: 'LB000000004',
  idNumber: `43012120130610002${idNumberCheckChar('43012120130610002')}`,
  residence: '430121102201',
  registration: '430181102224',
  school: '430111101202',
  schoolId: '430111101-PRIMARY',
  stationId: 'PS-430181102',
  clinicId: 'CL-430121102',
} as const;

/** Inserts the CROSSING child, its places and its open case; returns the case id. */
export async function insertCountyCrossingChild(db: Kysely<CivilAffairsDB>): Promise<string> {
  await db
    .insertInto('region')
    .values([
      { code: '4301', name: '长沙市', level: 'CITY', parent_code: '43' },
      { code: '430121', name: '长沙县', level: 'COUNTY', parent_code: '4301' },
      { code: '430121102', name: '黄兴镇', level: 'TOWN', parent_code: '430121' },
      { code: CROSSING.residence, name: '沿江山村', level: 'VILLAGE', parent_code: '430121102' },
    ])
    .execute();
  await db
    .insertInto('child')
    .values({
      id: CROSSING.id,
      id_number: CROSSING.idNumber,
      name: '周小雨',
      sex: 'FEMALE',
      birth_date: '2013-06-10',
      ethnicity: '汉族',
      village_code: CROSSING.residence,
      category: 'BOTH_PARENTS_AWAY',
      left_behind_since: '2020-03-01',
      status: 'ACTIVE',
      exit_reason: null,
      registered_on: '2023-04-01',
      responsible_staff_id: null,
    })
    .execute();
  await db
    .insertInto('child_place')
    .values({
      child_id: CROSSING.id,
      residence_code: CROSSING.residence,
      registration_code: CROSSING.registration,
      school_code: CROSSING.school,
      school_id: CROSSING.schoolId,
      station_id: CROSSING.stationId,
      clinic_id: CROSSING.clinicId,
    })
    .execute();
  const { id } = await db
    .insertInto('protection_case')
    .values({ child_id: CROSSING.id, kind: 'NEGLECT', status: 'OPEN', opened_on: '2024-06-01', closed_on: null, summary: null, lead_staff_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(id);
}
