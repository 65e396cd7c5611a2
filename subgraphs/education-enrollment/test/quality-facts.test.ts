import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { EducationDB } from '../src/db-types.ts';
import { educationEnrollment } from '../src/index.ts';

const TOWN = '431003101';
const HERE = { id: '431003101-P', code: '431003101001' };
const THERE = { id: '431003102-P', code: '431003102001' };

/**
 * Township 431003101 for the data-quality check, and the neighbouring 431003102:
 * - E1 lives here (child_place), enrolled now here, left behind;
 * - E2 lives here, enrolled now at the neighbour's school, not flagged, an open dropout report;
 * - E3 lives here, only a past enrollment and a RETURNED report;
 * - E4 lives here, no record here (not a row); E5 lives next door, enrolled here (not a row);
 * - E6 (no child_place row) and E7 (a row without residence) are enrolled now here: the
 *   registry does not hold them; E7 has an open report;
 * - E8 (no residence) enrolled now next door, E9 (no residence) only formerly enrolled here: not rows.
 */
async function fixtures(db: Kysely<EducationDB>): Promise<void> {
  await db
    .insertInto('school')
    .values([
      { id: HERE.id, name: '白露塘镇中心小学', kind: 'PRIMARY', region_code: HERE.code },
      { id: THERE.id, name: '良田镇中心小学', kind: 'PRIMARY', region_code: THERE.code },
    ])
    .execute();
  await db
    .insertInto('child_place')
    .values([
      { child_id: 'E1', residence_code: '431003101201', registration_code: null, school_code: HERE.code, school_id: HERE.id, station_id: null, clinic_id: null },
      { child_id: 'E2', residence_code: '431003101202', registration_code: null, school_code: THERE.code, school_id: THERE.id, station_id: null, clinic_id: null },
      { child_id: 'E3', residence_code: '431003101202', registration_code: null, school_code: null, school_id: null, station_id: null, clinic_id: null },
      { child_id: 'E4', residence_code: '431003101201', registration_code: null, school_code: null, school_id: null, station_id: null, clinic_id: null },
      { child_id: 'E5', residence_code: '431003102201', registration_code: null, school_code: HERE.code, school_id: HERE.id, station_id: null, clinic_id: null },
      { child_id: 'E7', residence_code: null, registration_code: null, school_code: HERE.code, school_id: HERE.id, station_id: null, clinic_id: null },
    ])
    .execute();
  let number = 0;
  const enrollment = (child_id: string, school_id: string, left_behind: boolean, left_on: string | null = null) => ({
    child_id,
    id_number: null,
    student_number: `L${String(++number).padStart(17, '0')}`,
    school_id,
    grade: 3,
    class_name: '1班',
    boarding: false,
    left_behind,
    enrolled_on: '2021-09-01',
    left_on,
    current: left_on === null,
  });
  await db
    .insertInto('enrollment')
    .values([
      enrollment('E1', HERE.id, true),
      enrollment('E2', THERE.id, false),
      enrollment('E3', HERE.id, true, '2023-07-01'),
      enrollment('E5', HERE.id, true),
      enrollment('E6', HERE.id, true),
      enrollment('E7', HERE.id, false),
      enrollment('E8', THERE.id, true),
      enrollment('E9', HERE.id, true, '2023-07-01'),
    ])
    .execute();
  await db
    .insertInto('dropout_report')
    .values([
      { child_id: 'E2', school_id: THERE.id, reported_on: '2024-03-01', reason: '厌学', status: 'REPORTED', returned_on: null },
      { child_id: 'E3', school_id: HERE.id, reported_on: '2023-03-01', reason: '外出', status: 'RETURNED', returned_on: '2023-04-01' },
      { child_id: 'E7', school_id: HERE.id, reported_on: '2024-03-01', reason: '厌学', status: 'PERSUADING', returned_on: null },
    ])
    .execute();
}

const bed = useSubgraphTestBed(educationEnrollment, { fixtures });
const caller = testPrincipal({ agency: 'education', level: 'province', region: '43' });
const FACTS = `query ($townCode: DivisionCode!, $after: String, $first: Int!) {
  _educationFacts(townCode: $townCode, after: $after, first: $first) { childId schoolId schoolCode leftBehindFlag openDropoutReport residenceKnown }
}`;
const facts = async (variables: Record<string, unknown>) => {
  const result = await bed.run(FACTS, variables, caller, 'CASE_MANAGEMENT', { service: 'exchange' });
  expect(result.errors).toBeUndefined();
  return result.data!._educationFacts;
};

describe('the enrollment system’s quality facts', () => {
  it('are the facts of the township’s children known here, and of children enrolled here the registry does not hold', async () => {
    expect(await facts({ townCode: TOWN, first: 1000 })).toEqual([
      { childId: 'E1', schoolId: HERE.id, schoolCode: HERE.code, leftBehindFlag: true, openDropoutReport: false, residenceKnown: true },
      { childId: 'E2', schoolId: THERE.id, schoolCode: THERE.code, leftBehindFlag: false, openDropoutReport: true, residenceKnown: true },
      { childId: 'E3', schoolId: null, schoolCode: null, leftBehindFlag: false, openDropoutReport: false, residenceKnown: true },
      { childId: 'E6', schoolId: HERE.id, schoolCode: HERE.code, leftBehindFlag: true, openDropoutReport: false, residenceKnown: false },
      { childId: 'E7', schoolId: HERE.id, schoolCode: HERE.code, leftBehindFlag: false, openDropoutReport: true, residenceKnown: false },
    ]);
  });

  it('page by child id: the pages are the one big page, each one SQL statement', async () => {
    const all = await facts({ townCode: TOWN, first: 1000 });
    const pages = [];
    let after: string | undefined;
    for (;;) {
      bed.database.statements.reset();
      const page = await facts({ townCode: TOWN, first: 2, ...(after ? { after } : {}) });
      expect(bed.database.statements.count).toBe(1);
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1).childId;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);
  });

  it('are refused to any caller but the hub’s exchange, and for a code that is not a township’s', async () => {
    expect((await bed.run(FACTS, { townCode: TOWN, first: 10 }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const townCode of ['431003', '431003101201']) {
      const bad = await bed.run(FACTS, { townCode, first: 10 }, caller, 'CASE_MANAGEMENT', { service: 'exchange' });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'townCode' });
    }
  });
});
