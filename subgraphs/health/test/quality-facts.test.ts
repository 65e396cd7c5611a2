import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { HealthDB } from '../src/db-types.ts';
import { health } from '../src/index.ts';

const TOWN = '431003101';

/**
 * Township 431003101 for the data-quality check; clinic CL-1 stands in it, CL-2 next door.
 * - H1 lives here (child_place), patient of CL-1, a disability assessment on file;
 * - H2 lives here, patient of CL-2, no assessment;
 * - H3 lives here and is no patient; H4 lives next door, patient of CL-1: neither is a row;
 * - H5 (no child_place row, assessed) and H6 (a row without residence) are patients of CL-1: residenceKnown false;
 * - H7 (no residence) is a patient of CL-2 whose own record says it lives here: not a row (the clinic places it).
 */
async function fixtures(db: Kysely<HealthDB>): Promise<void> {
  await db
    .insertInto('clinic')
    .values([
      { id: 'CL-1', name: '白露塘镇卫生院', region_code: '431003101001' },
      { id: 'CL-2', name: '良田镇卫生院', region_code: '431003102001' },
    ])
    .execute();
  const patient = (child_id: string, clinic_id: string, residence_code: string) => ({
    child_id,
    record_number: `R-${child_id}`,
    id_number: null,
    birth_date: '2014-01-01',
    residence_code,
    clinic_id,
    registered_on: '2014-02-01',
  });
  await db
    .insertInto('patient')
    .values([
      patient('H1', 'CL-1', '431003101201'),
      patient('H2', 'CL-2', '431003101202'),
      patient('H4', 'CL-1', '431003102201'),
      patient('H5', 'CL-1', '431003101201'),
      patient('H6', 'CL-1', '431003101201'),
      patient('H7', 'CL-2', '431003101201'),
    ])
    .execute();
  const assessment = { category: 'PHYSICAL' as const, grade: 3, assessed_on: '2023-01-01', detail: null };
  await db
    .insertInto('disability_assessment')
    .values([
      { ...assessment, child_id: 'H1' },
      { ...assessment, child_id: 'H5' },
    ])
    .execute();
  const place = (child_id: string, residence_code: string | null) => ({ child_id, residence_code, registration_code: null, school_code: null, school_id: null, station_id: null, clinic_id: null });
  await db
    .insertInto('child_place')
    .values([place('H1', '431003101201'), place('H2', '431003101202'), place('H3', '431003101201'), place('H4', '431003102201'), place('H6', null)])
    .execute();
}

const bed = useSubgraphTestBed(health, { fixtures });
const caller = testPrincipal({ agency: 'health', level: 'province', region: '43' });
const FACTS = `query ($townCode: DivisionCode!, $after: String, $first: Int!) {
  _healthFacts(townCode: $townCode, after: $after, first: $first) { childId disabilityAssessed residenceKnown }
}`;
const facts = async (variables: Record<string, unknown>) => {
  const result = await bed.run(FACTS, variables, caller, 'CASE_MANAGEMENT', { service: 'exchange' });
  expect(result.errors).toBeUndefined();
  return result.data!._healthFacts;
};

describe('the health records’ quality facts', () => {
  it('are the facts of the township’s children who are patients, and of its clinics’ patients the registry does not hold', async () => {
    expect(await facts({ townCode: TOWN, first: 1000 })).toEqual([
      { childId: 'H1', disabilityAssessed: true, residenceKnown: true },
      { childId: 'H2', disabilityAssessed: false, residenceKnown: true },
      { childId: 'H5', disabilityAssessed: true, residenceKnown: false },
      { childId: 'H6', disabilityAssessed: false, residenceKnown: false },
    ]);
  });

  it('page by child id: the pages are the one big page, each one SQL statement', async () => {
    const all = await facts({ townCode: TOWN, first: 1000 });
    bed.database.statements.reset();
    const first = await facts({ townCode: TOWN, first: 3 });
    expect(bed.database.statements.count).toBe(1);
    const second = await facts({ townCode: TOWN, first: 3, after: first.at(-1).childId });
    expect([first.length, second.length]).toEqual([3, 1]);
    expect([...first, ...second]).toEqual(all);
  });

  it('are refused to any caller but the hub’s exchange, and for a code that is not a township’s', async () => {
    expect((await bed.run(FACTS, { townCode: TOWN, first: 10 }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const townCode of ['431003', '431003101201']) {
      const bad = await bed.run(FACTS, { townCode, first: 10 }, caller, 'CASE_MANAGEMENT', { service: 'exchange' });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'townCode' });
    }
  });
});
