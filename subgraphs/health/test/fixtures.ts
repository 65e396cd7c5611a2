import type { Insertable, Kysely } from 'kysely';
import type { HealthDB, ImmunisationTable } from '../src/db-types.ts';
import { todayInChina } from '@lbc/schema';
import { IMMUNISATION_SCHEDULE } from '../src/immunisation-schedule.ts';

/** Valid ID numbers (check characters verified), the same children as the civil-affairs fixtures. */
export const ID = {
  wang: '431003201203150019',
  li: '431003201407080024',
} as const;

/** `months` months and `days` days before `isoDate`, as YYYY-MM-DD. */
export function before(isoDate: string, months: number, days = 0): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function after(isoDate: string, months: number): string {
  return before(isoDate, -months);
}

/**
 * Every scheduled dose given on the day it fell due, except those in `missing`
 * ("MMR-2") and those not yet due: the schedule decides what "complete" means.
 */
function immunisations(childId: string, birthDate: string, today: string, missing: readonly string[] = []): Insertable<ImmunisationTable>[] {
  return IMMUNISATION_SCHEDULE.filter((d) => !missing.includes(`${d.vaccine}-${d.dose}`) && after(birthDate, d.dueAtMonths) <= today).map((d) => ({
    child_id: childId,
    vaccine: d.vaccine,
    dose: d.dose,
    given_on: after(birthDate, d.dueAtMonths),
  }));
}

/**
 * Two health centres (Suxian district, Hunan; Fushun county, Liaoning) and five children.
 * Two are infants whose birth dates are relative to today (with two weeks' margin from
 * any due date), because which doses are due depends on the child's age now.
 *
 * | child | residence      | immunisation          | latest growth | other                                  |
 * | 1 王  | 431003101201   | complete              | NORMAL (was UNDERWEIGHT) | disability grade 3; screened HIGH then LOW; stay ended |
 * | 2 李  | 431003101202   | MMR dose 2 missing    | STUNTED       | asthma; latest screening HIGH          |
 * | 3 赵  | 210421100201   | complete              | none          | in hospital now; no ID number          |
 * | 4 infant 7½ months | 431003101201 | MenA dose 1 (due at 6 months) missing | NORMAL | —          |
 * | 5 toddler 30½ months | 431003101202 | complete (IPV 4 not due until 48 months) | OVERWEIGHT | disability grade 3, reassessed grade 2 |
 */
export async function insertHealthFixtures(db: Kysely<HealthDB>): Promise<void> {
  const today = todayInChina();
  const infantBirth = before(today, 7, 15);
  const toddlerBirth = before(today, 30, 15);
  await db
    .insertInto('clinic')
    .values([
      { id: 'CL-431003101', name: '白露塘镇卫生院', region_code: '431003101001' },
      { id: 'CL-210421100', name: '石文镇卫生院', region_code: '210421100201' },
    ])
    .execute();
  await db
    .insertInto('patient')
    .values([
      {
        child_id: 'LB000000001',
        record_number: 'HR431003101000000001',
        id_number: ID.wang,
        birth_date: '2012-03-15',
        residence_code: '431003101201',
        clinic_id: 'CL-431003101',
        registered_on: '2012-03-20',
      },
      {
        child_id: 'LB000000002',
        record_number: 'HR431003101000000002',
        id_number: ID.li,
        birth_date: '2014-07-08',
        residence_code: '431003101202',
        clinic_id: 'CL-431003101',
        registered_on: '2014-07-15',
      },
      {
        child_id: 'LB000000003',
        record_number: 'HR210421100000000003',
        id_number: null,
        birth_date: '2016-01-20',
        residence_code: '210421100201',
        clinic_id: 'CL-210421100',
        registered_on: '2016-02-01',
      },
      {
        child_id: 'LB000000004',
        record_number: 'HR431003101000000004',
        id_number: null,
        birth_date: infantBirth,
        residence_code: '431003101201',
        clinic_id: 'CL-431003101',
        registered_on: infantBirth,
      },
      {
        child_id: 'LB000000005',
        record_number: 'HR431003101000000005',
        id_number: null,
        birth_date: toddlerBirth,
        residence_code: '431003101202',
        clinic_id: 'CL-431003101',
        registered_on: toddlerBirth,
      },
    ])
    .execute();
  await db
    .insertInto('immunisation')
    .values([
      ...immunisations('LB000000001', '2012-03-15', today),
      ...immunisations('LB000000002', '2014-07-08', today, ['MMR-2']),
      ...immunisations('LB000000003', '2016-01-20', today),
      ...immunisations('LB000000004', infantBirth, today, ['MenA-1']),
      ...immunisations('LB000000005', toddlerBirth, today),
    ])
    .execute();
  await db
    .insertInto('growth_measurement')
    .values([
      { child_id: 'LB000000001', measured_on: '2022-04-01', height_cm: 128.0, weight_kg: 22.1, assessment: 'UNDERWEIGHT' },
      { child_id: 'LB000000001', measured_on: '2023-04-01', height_cm: 134.5, weight_kg: 28.4, assessment: 'NORMAL' },
      { child_id: 'LB000000001', measured_on: '2024-04-01', height_cm: 141.2, weight_kg: 33.0, assessment: 'NORMAL' },
      { child_id: 'LB000000002', measured_on: '2023-08-01', height_cm: 118.0, weight_kg: 20.5, assessment: 'NORMAL' },
      { child_id: 'LB000000002', measured_on: '2024-08-01', height_cm: 119.5, weight_kg: 21.0, assessment: 'STUNTED' },
      { child_id: 'LB000000004', measured_on: after(infantBirth, 6), height_cm: 67.5, weight_kg: 7.9, assessment: 'NORMAL' },
      { child_id: 'LB000000005', measured_on: after(toddlerBirth, 24), height_cm: 88.0, weight_kg: 15.2, assessment: 'OVERWEIGHT' },
    ])
    .execute();
  await db
    .insertInto('disability_assessment')
    .values([
      { child_id: 'LB000000001', category: 'HEARING', grade: 3, assessed_on: '2020-05-10', detail: '经县级残联指定医院评定' },
      { child_id: 'LB000000005', category: 'PHYSICAL', grade: 3, assessed_on: after(toddlerBirth, 12), detail: null },
      { child_id: 'LB000000005', category: 'PHYSICAL', grade: 2, assessed_on: after(toddlerBirth, 24), detail: '复评' },
    ])
    .execute();
  await db.insertInto('chronic_condition').values({ child_id: 'LB000000002', condition: '哮喘', icd10: 'J45', diagnosed_on: '2021-11-03' }).execute();
  await db
    .insertInto('hospital_stay')
    .values([
      { child_id: 'LB000000001', hospital: '苏仙区人民医院', reason: '肺炎', admitted_on: '2023-12-01', discharged_on: '2023-12-09' },
      { child_id: 'LB000000003', hospital: '抚顺县人民医院', reason: '骨折', admitted_on: '2024-09-01', discharged_on: null },
    ])
    .execute();
  await db
    .insertInto('mental_health_screening')
    .values([
      { child_id: 'LB000000001', screened_on: '2023-09-01', instrument: 'SDQ', score: 22, risk: 'HIGH', notes: '思念父母' },
      { child_id: 'LB000000001', screened_on: '2024-06-01', instrument: 'SDQ', score: 9, risk: 'LOW', notes: null },
      { child_id: 'LB000000002', screened_on: '2023-09-01', instrument: 'CDI', score: 8, risk: 'LOW', notes: null },
      { child_id: 'LB000000002', screened_on: '2024-06-01', instrument: 'CDI', score: 26, risk: 'HIGH', notes: '孤独感强，建议转介心理咨询' },
    ])
    .execute();
}

/**
 * Two more children for the jurisdiction tests, both crossing a boundary between where
 * they live and which clinic keeps their record (a clinic follows its patients):
 *
 * | child | residence                          | clinic                      |
 * | 6     | 431003102201 (Suxian, another town) | CL-431003101 (Bailutang)    |
 * | 7     | 431003101201 (Bailutang)            | CL-210421100 (Shiwen, Fushun): record opened before moving to the grandparents |
 *
 * Both complete their immunisations and have no other history, so Suxian district then
 * counts 6 children with a record, and Bailutang town 5 (children 1, 2, 4, 5 and 7).
 */
export async function insertBoundaryCrossingChildren(db: Kysely<HealthDB>): Promise<void> {
  const today = todayInChina();
  await db
    .insertInto('patient')
    .values([
      {
        child_id: 'LB000000006',
        record_number: 'HR431003101000000006',
        id_number: null,
        birth_date: '2015-05-01',
        residence_code: '431003102201',
        clinic_id: 'CL-431003101',
        registered_on: '2015-05-10',
      },
      {
        child_id: 'LB000000007',
        record_number: 'HR210421100000000007',
        id_number: null,
        birth_date: '2013-09-10',
        residence_code: '431003101201',
        clinic_id: 'CL-210421100',
        registered_on: '2013-09-20',
      },
    ])
    .execute();
  await db
    .insertInto('immunisation')
    .values([...immunisations('LB000000006', '2015-05-01', today), ...immunisations('LB000000007', '2013-09-10', today)])
    .execute();
}

/**
 * A child whose life crosses county lines (Changsha, Hunan; outside Chenzhou 4310, so the
 * fixtures above keep their counts at every level they are counted):
 *
 * | place                  | code          | county              |
 * | residence (record)     | 430121102201  | A: 长沙县 430121     |
 * | household registration | 430181102224  | B: 浏阳市 430181     |
 * | school                 | 430111101202  | C: 雨花区 430111     |
 *
 * Health records only the residence and the clinic (黄兴镇卫生院, county A); the other
 * places come from child_place, as the other agencies publish them. Immunisations
 * complete, no other history.
 */
export const CROSSING = {
  id: 'LB000000008',
  recordNumber: 'HR430121102000000008',
  birthDate: '2013-06-10',
  residence: '430121102201',
  registration: '430181102224',
  school: '430111101202',
  schoolId: '430111101-PRIMARY',
  stationId: 'PS-430181102',
  clinicId: 'CL-430121102',
} as const;

/** Inserts the CROSSING child's clinic, record, immunisations and places. */
export async function insertCountyCrossingChild(db: Kysely<HealthDB>): Promise<void> {
  await db.insertInto('clinic').values({ id: CROSSING.clinicId, name: '黄兴镇卫生院', region_code: CROSSING.residence }).execute();
  await db
    .insertInto('patient')
    .values({
      child_id: CROSSING.id,
      record_number: CROSSING.recordNumber,
      id_number: null,
      birth_date: CROSSING.birthDate,
      residence_code: CROSSING.residence,
      clinic_id: CROSSING.clinicId,
      registered_on: CROSSING.birthDate,
    })
    .execute();
  await db
    .insertInto('immunisation')
    .values(immunisations(CROSSING.id, CROSSING.birthDate, todayInChina()))
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
}
