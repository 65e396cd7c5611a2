import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CivilAffairsDB } from '../src/db-types.ts';
import { civilAffairs } from '../src/index.ts';
import { insertRegistryFixtures } from './fixtures.ts';

/**
 * The gateway's case check (`_caseForAccessCheck`, inaccessible): which child a protection
 * case is for and whether it is open, answered only to callers who may work on cases and
 * only inside their jurisdiction; every other answer is a plain null, never an error, so
 * nobody can probe which case ids exist. Fixtures: an OPEN case of LB…2 (塘溪村, Suxian),
 * plus a CLOSED case of LB…1 (白露塘村, Suxian) and an OPEN case of LB…3 (Fushun county).
 */
const cases: Record<'open' | 'closed' | 'fushun', string> = { open: '', closed: '', fushun: '' };
async function fixtures(db: Kysely<CivilAffairsDB>): Promise<void> {
  await insertRegistryFixtures(db);
  const id = async (childId: string, status: 'OPEN' | 'CLOSED') =>
    String(
      (
        await db
          .insertInto('protection_case')
          .values({ child_id: childId, kind: 'NEGLECT', status, opened_on: '2024-01-02', closed_on: status === 'CLOSED' ? '2024-03-01' : null, summary: null, lead_staff_id: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  cases.open = String((await db.selectFrom('protection_case').select('id').where('child_id', '=', 'LB000000002').executeTakeFirstOrThrow()).id);
  cases.closed = await id('LB000000001', 'CLOSED');
  cases.fushun = await id('LB000000003', 'OPEN');
}

const bed = useSubgraphTestBed(civilAffairs, { fixtures });
const police = testPrincipal({ agency: 'police', level: 'town', region: '431003101' });
const check = async (caseId: string, principal = police, purpose: 'ASSESSMENT' | 'EMERGENCY' | 'CASE_MANAGEMENT' = 'ASSESSMENT') => {
  const result = await bed.run(`query($id: ID!) { _caseForAccessCheck(id: $id) { caseId childId status } }`, { id: caseId }, principal, purpose);
  expect(result.errors).toBeUndefined();
  return result.data!._caseForAccessCheck;
};

describe('the case check for the gateway', () => {
  it('answers the case, its child and its status inside the caller’s jurisdiction, in one statement', async () => {
    expect(await check(cases.open)).toEqual({ caseId: cases.open, childId: 'LB000000002', status: 'OPEN' });
    expect(bed.database.statements.count).toBe(1);
    expect(await check(cases.closed, testPrincipal({ level: 'county', region: '431003' }), 'EMERGENCY')).toEqual({ caseId: cases.closed, childId: 'LB000000001', status: 'CLOSED' });
  });

  it('answers null, without an error, for an unknown case or a child outside the jurisdiction', async () => {
    expect(await check('987654')).toBeNull();
    expect(await check('999999999999999999')).toBeNull();
    expect(await check('not-a-number')).toBeNull();
    expect(await check(cases.fushun)).toBeNull();
    // The village of LB…2 is not under this village supervisor's village.
    expect(await check(cases.open, testPrincipal({ level: 'village', region: '431003101201' }))).toBeNull();
  });

  it('answers null to callers no case can open sensitive fields for, without reading anything', async () => {
    expect(await check(cases.open, police, 'CASE_MANAGEMENT')).toBeNull();
    expect(await check(cases.open, testPrincipal({ agency: 'health', level: 'county', region: '431003' }))).toBeNull();
    expect(await check(cases.open, testPrincipal({ agency: 'police', level: 'city', region: '4310' }))).toBeNull();
    expect(bed.database.statements.count).toBe(0);
  });
});
