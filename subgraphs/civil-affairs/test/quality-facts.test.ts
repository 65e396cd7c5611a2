import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CivilAffairsDB } from '../src/db-types.ts';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';

/**
 * The registry's facts for the hub's data-quality check. Township 白露塘镇 (431003101) holds
 * LB…1 (both parents away), LB…2 (mother at home but 重病, no father recorded) from the
 * shared fixtures, and two more added here: LB…11 (exited; father at home, mother away;
 * DISABILITY raised) and LB…12 (both parents at home; DISABILITY cleared). LB…3 lives in
 * Fushun and LB…21 in the neighbouring township 431003102: neither belongs to the page.
 */
async function fixtures(db: Kysely<CivilAffairsDB>): Promise<void> {
  await insertRegistryFixtures(db);
  await db
    .insertInto('region')
    .values([
      { code: '431003102', name: '栖凤渡镇', level: 'TOWN', parent_code: '431003' },
      { code: '431003102201', name: '栖凤渡村', level: 'VILLAGE', parent_code: '431003102' },
    ])
    .execute();
  const child = { id_number: null, ethnicity: null, category: 'BOTH_PARENTS_AWAY' as const, left_behind_since: null, registered_on: '2023-03-01', responsible_staff_id: null };
  await db
    .insertInto('child')
    .values([
      { ...child, id: 'LB000000011', name: '甲', sex: 'FEMALE', birth_date: '2011-02-03', village_code: '431003101202', status: 'EXITED', exit_reason: 'JOINED_PARENTS', exited_on: '2024-01-05' },
      { ...child, id: 'LB000000012', name: '乙', sex: 'MALE', birth_date: '2015-09-30', village_code: '431003101201', status: 'ACTIVE', exit_reason: null },
      { ...child, id: 'LB000000021', name: '丙', sex: 'MALE', birth_date: '2015-09-30', village_code: '431003102201', status: 'ACTIVE', exit_reason: null },
    ])
    .execute();
  const parent = { work_place: null, phone: null, unable_reason: null };
  await db
    .insertInto('parent')
    .values([
      { ...parent, child_id: 'LB000000011', role: 'FATHER', name: '甲父', is_away: false },
      { ...parent, child_id: 'LB000000011', role: 'MOTHER', name: '甲母', is_away: true, work_place: '广州' },
      { ...parent, child_id: 'LB000000012', role: 'FATHER', name: '乙父', is_away: false },
      { ...parent, child_id: 'LB000000012', role: 'MOTHER', name: '乙母', is_away: false },
    ])
    .execute();
  await db
    .insertInto('risk_flag')
    .values([
      { child_id: 'LB000000011', kind: 'DISABILITY', raised_on: '2022-01-01', cleared_on: null },
      { child_id: 'LB000000012', kind: 'DISABILITY', raised_on: '2022-01-01', cleared_on: '2023-01-01' },
    ])
    .execute();
}

const bed = useSubgraphTestBed(civilAffairs, { fixtures });
const caller = testPrincipal({ level: 'province', region: '43' });
const FACTS = `query ($townCode: DivisionCode!, $after: String, $first: Int!) {
  _registryFacts(townCode: $townCode, after: $after, first: $first) {
    childId status exitReason birthDate sex villageCode fatherAtHomeAndAble motherAtHomeAndAble parentUnableRecorded disabilityFlag
  }
}`;
const TOWNS = `query ($after: String, $first: Int!) { _townCodes(after: $after, first: $first) }`;
const asExchange = (query: string, variables: Record<string, unknown>) => bed.run(query, variables, caller, 'CASE_MANAGEMENT', { service: 'exchange' });
const facts = async (variables: Record<string, unknown>) => {
  const result = await asExchange(FACTS, variables);
  expect(result.errors).toBeUndefined();
  return result.data!._registryFacts;
};

describe('the registry’s quality facts', () => {
  it('are the facts of every child living in the township, whatever their status, in child-id order', async () => {
    expect(await facts({ townCode: '431003101', first: 1000 })).toEqual([
      {
        childId: 'LB000000001',
        status: 'ACTIVE',
        exitReason: null,
        birthDate: '2012-03-15',
        sex: 'MALE',
        villageCode: '431003101201',
        fatherAtHomeAndAble: false,
        motherAtHomeAndAble: false,
        parentUnableRecorded: false,
        disabilityFlag: false,
      },
      {
        childId: 'LB000000002',
        status: 'ACTIVE',
        exitReason: null,
        birthDate: '2014-07-08',
        sex: 'FEMALE',
        villageCode: '431003101202',
        fatherAtHomeAndAble: false,
        motherAtHomeAndAble: false,
        parentUnableRecorded: true,
        disabilityFlag: false,
      },
      {
        childId: 'LB000000011',
        status: 'EXITED',
        exitReason: 'JOINED_PARENTS',
        birthDate: '2011-02-03',
        sex: 'FEMALE',
        villageCode: '431003101202',
        fatherAtHomeAndAble: true,
        motherAtHomeAndAble: false,
        parentUnableRecorded: false,
        disabilityFlag: true,
      },
      {
        childId: 'LB000000012',
        status: 'ACTIVE',
        exitReason: null,
        birthDate: '2015-09-30',
        sex: 'MALE',
        villageCode: '431003101201',
        fatherAtHomeAndAble: true,
        motherAtHomeAndAble: true,
        parentUnableRecorded: false,
        disabilityFlag: false,
      },
    ]);
  });

  it('page by child id: two pages are the one big page, each one SQL statement', async () => {
    const all = await facts({ townCode: '431003101', first: 1000 });
    bed.database.statements.reset();
    const first = await facts({ townCode: '431003101', first: 3 });
    expect(bed.database.statements.count).toBe(1);
    const second = await facts({ townCode: '431003101', first: 3, after: first.at(-1).childId });
    expect(first).toHaveLength(3);
    expect([...first, ...second]).toEqual(all);
    expect(await facts({ townCode: '431003101', first: 3, after: 'LB000000012' })).toEqual([]);
  });

  it('list the townships the registry holds children in, by code, paged', async () => {
    const page = async (variables: Record<string, unknown>) => (await asExchange(TOWNS, variables)).data!._townCodes;
    expect(await page({ first: 1000 })).toEqual(['210421100', '431003101', '431003102']);
    expect(await page({ first: 2 })).toEqual(['210421100', '431003101']);
    expect(await page({ first: 2, after: '431003101' })).toEqual(['431003102']);
  });

  it('are refused to any caller but the hub’s exchange, and for a code that is not a township’s', async () => {
    const asCaller = await bed.run(FACTS, { townCode: '431003101', first: 10 }, caller);
    expect(asCaller.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asCaller.data).toBeNull();
    expect((await bed.run(TOWNS, { first: 10 }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const townCode of ['431003', '431003101201']) {
      const bad = await asExchange(FACTS, { townCode, first: 10 });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'townCode' });
    }
    const tooMany = await asExchange(FACTS, { townCode: '431003101', first: 1001 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });
});
