import { idNumberCheckChar } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PoliceDB } from '../src/db-types.ts';
import { policeHousehold } from '../src/index.ts';

const TOWN = '431003101';
const idNumber = (birth: string, sequence: string) => `431003${birth}${sequence}${idNumberCheckChar(`431003${birth}${sequence}`)}`;
const ID = {
  p1: idNumber('20120315', '001'),
  p2: idNumber('20140708', '002'),
  p5: idNumber('20160120', '013'),
  p7: idNumber('20130101', '024'),
  p8: idNumber('20150620', '036'),
  p9: idNumber('20150621', '047'),
  adult: idNumber('19850101', '051'),
} as const;

/**
 * Township 431003101 for the data-quality check; household H1 is registered in it, H2 next door.
 * - P1 lives here (child_place), resident of H1 (a boy's number); father serving a sentence, mother away;
 * - P2 lives here, resident of H2 (a girl's number); both parents away; the mother's sentence ended;
 * - P3 lives here, reported unregistered and still PENDING;
 * - P4 lives here, known only by the mother's open sentence;
 * - P5 lives here, reported unregistered and since REGISTERED in H1;
 * - P6 lives here and is unknown to the police; P7 lives next door in H1: neither is a row;
 * - P8 (no residence) belongs to H1: residenceKnown false; P9 (no residence) to H2: not a row.
 */
async function fixtures(db: Kysely<PoliceDB>): Promise<void> {
  await db
    .insertInto('household')
    .values([
      { number: 'H1', address_code: '431003101201', address_detail: null, head_name: '户主一', station_id: 'PS-1' },
      { number: 'H2', address_code: '431003102201', address_detail: null, head_name: '户主二', station_id: 'PS-2' },
    ])
    .execute();
  const resident = (id_number: string, child_id: string | null, household_number: string) => ({
    id_number,
    child_id,
    household_number,
    relationship_to_head: child_id ? ('GRANDSON' as const) : ('HEAD' as const),
    registered_on: '2020-01-01',
  });
  await db
    .insertInto('resident')
    .values([
      resident(ID.p1, 'P1', 'H1'),
      resident(ID.p2, 'P2', 'H2'),
      resident(ID.p5, 'P5', 'H1'),
      resident(ID.p7, 'P7', 'H1'),
      resident(ID.p8, 'P8', 'H1'),
      resident(ID.p9, 'P9', 'H2'),
      resident(ID.adult, null, 'H1'),
    ])
    .execute();
  await db
    .insertInto('unregistered_child')
    .values([
      { child_id: 'P3', village_code: '431003101201', reported_by: 'civil_affairs', reported_on: '2024-05-01', status: 'PENDING', registered_id_number: null, registered_on: null },
      { child_id: 'P5', village_code: '431003101201', reported_by: 'civil_affairs', reported_on: '2023-05-01', status: 'REGISTERED', registered_id_number: ID.p5, registered_on: '2023-06-01' },
    ])
    .execute();
  const open = { ended_on: null };
  await db
    .insertInto('parent_status')
    .values([
      { ...open, child_id: 'P1', parent_role: 'FATHER', status: 'SERVING_SENTENCE', since: '2022-01-01' },
      { ...open, child_id: 'P1', parent_role: 'MOTHER', status: 'RESIDING_ELSEWHERE', since: '2022-01-01' },
      { ...open, child_id: 'P2', parent_role: 'FATHER', status: 'RESIDING_ELSEWHERE', since: '2022-01-01' },
      { ...open, child_id: 'P2', parent_role: 'MOTHER', status: 'RESIDING_ELSEWHERE', since: '2022-01-01' },
      { child_id: 'P2', parent_role: 'MOTHER', status: 'SERVING_SENTENCE', since: '2019-01-01', ended_on: '2021-12-31' },
      { ...open, child_id: 'P4', parent_role: 'MOTHER', status: 'SERVING_SENTENCE', since: '2023-01-01' },
    ])
    .execute();
  const place = (child_id: string, residence_code: string) => ({ child_id, residence_code, registration_code: null, school_code: null, school_id: null, station_id: null, clinic_id: null });
  await db
    .insertInto('child_place')
    .values([
      place('P1', '431003101201'),
      place('P2', '431003101202'),
      place('P3', '431003101201'),
      place('P4', '431003101202'),
      place('P5', '431003101201'),
      place('P6', '431003101201'),
      place('P7', '431003102201'),
    ])
    .execute();
}

const bed = useSubgraphTestBed(policeHousehold, { fixtures });
const caller = testPrincipal({ agency: 'police', level: 'province', region: '43' });
const FACTS = `query ($townCode: DivisionCode!, $after: String, $first: Int!) {
  _policeFacts(townCode: $townCode, after: $after, first: $first) {
    childId idBirthDate idSex guardianCanAct fatherServingSentence motherServingSentence unregisteredPendingSince bothParentsElsewhere householdCode residenceKnown
  }
}`;
const facts = async (variables: Record<string, unknown>) => {
  const result = await bed.run(FACTS, variables, caller, 'CASE_MANAGEMENT', { service: 'exchange' });
  expect(result.errors).toBeUndefined();
  return result.data!._policeFacts;
};
const none = { fatherServingSentence: false, motherServingSentence: false, unregisteredPendingSince: null, bothParentsElsewhere: false, residenceKnown: true };

describe('household registration’s quality facts', () => {
  it('are the facts of the township’s children the police know, and of its households’ children the registry does not hold', async () => {
    const rows = await facts({ townCode: TOWN, first: 1000 });
    expect(rows).toEqual([
      { ...none, childId: 'P1', idBirthDate: '2012-03-15', idSex: 'MALE', guardianCanAct: false, fatherServingSentence: true, householdCode: '431003101201' },
      { ...none, childId: 'P2', idBirthDate: '2014-07-08', idSex: 'FEMALE', guardianCanAct: true, bothParentsElsewhere: true, householdCode: '431003102201' },
      { ...none, childId: 'P3', idBirthDate: null, idSex: null, guardianCanAct: true, unregisteredPendingSince: '2024-05-01', householdCode: null },
      { ...none, childId: 'P4', idBirthDate: null, idSex: null, guardianCanAct: true, motherServingSentence: true, householdCode: null },
      { ...none, childId: 'P5', idBirthDate: '2016-01-20', idSex: 'MALE', guardianCanAct: true, householdCode: '431003101201' },
      { ...none, childId: 'P8', idBirthDate: '2015-06-20', idSex: 'FEMALE', guardianCanAct: true, householdCode: '431003101201', residenceKnown: false },
    ]);
    // Derived, never the number itself.
    expect(JSON.stringify(rows)).not.toMatch(/\d{17}[\dX]/);
  });

  it('page by child id: the pages are the one big page, each one SQL statement', async () => {
    const all = await facts({ townCode: TOWN, first: 1000 });
    bed.database.statements.reset();
    const first = await facts({ townCode: TOWN, first: 4 });
    expect(bed.database.statements.count).toBe(1);
    const second = await facts({ townCode: TOWN, first: 4, after: first.at(-1).childId });
    expect([first.length, second.length]).toEqual([4, 2]);
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
