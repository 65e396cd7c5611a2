import { idNumberCheckChar } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { HealthDB } from '../src/db-types.ts';
import { health } from '../src/index.ts';
import { ID, insertBoundaryCrossingChildren, insertHealthFixtures } from './fixtures.ts';

/**
 * What a region's health counts reveal, and to whom. On top of the shared fixtures, six
 * more children with a disability assessment live in Bailutang town (431003101), so
 * Suxian district counts 9 disabled children: 8 in Bailutang (children 1, 5 and the six)
 * and 1 in Liangtian town (431003102: child 6, given one too).
 */
const SIX = ['LB000000101', 'LB000000102', 'LB000000103', 'LB000000104', 'LB000000105', 'LB000000106'];

async function insertMoreDisabledChildren(db: Kysely<HealthDB>): Promise<void> {
  await db
    .insertInto('patient')
    .values(
      SIX.map((id, i) => ({
        child_id: id,
        record_number: `HR43100310100000010${i}`,
        id_number: null,
        birth_date: '2014-01-01',
        residence_code: '431003101201',
        clinic_id: 'CL-431003101',
        registered_on: '2014-01-10',
      })),
    )
    .execute();
  await db
    .insertInto('disability_assessment')
    .values([...SIX, 'LB000000006'].map((id) => ({ child_id: id, category: 'VISUAL' as const, grade: 4, assessed_on: '2023-05-01', detail: null })))
    .execute();
}

const bed = useSubgraphTestBed(health, {
  fixtures: async (db) => {
    await insertHealthFixtures(db);
    await insertBoundaryCrossingChildren(db);
    await insertMoreDisabledChildren(db);
  },
});

const county = (agency: 'health' | 'youth_league' | 'civil_affairs') => testPrincipal({ agency, level: 'county', region: '431003' });
const statsQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code healthStats {
  withHealthRecord immunisationIncomplete disabled mentalHealthHighRisk withChronicIllness withSeriousCondition
} } } }`;
const regions = (...codes: string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
const statsOf = async (principal: ReturnType<typeof county>, purpose: 'CASE_MANAGEMENT' | 'STATISTICS', ...codes: string[]) => {
  const result = await bed.run(statsQuery, regions(...codes), principal, purpose);
  expect(result.errors).toBeUndefined();
  return Object.fromEntries((result.data!._entities as any[]).map((r) => [r.code, r.healthStats]));
};

describe('health counts by the class of the counted fact', () => {
  it('gives a health county officer every count exactly, small ones included', async () => {
    expect(await statsOf(county('health'), 'CASE_MANAGEMENT', '431003', '431003101', '431003102')).toEqual({
      '431003': { withHealthRecord: 12, immunisationIncomplete: 8, disabled: 9, mentalHealthHighRisk: 1, withChronicIllness: 1, withSeriousCondition: 2 },
      '431003101': { withHealthRecord: 11, immunisationIncomplete: 8, disabled: 8, mentalHealthHighRisk: 1, withChronicIllness: 1, withSeriousCondition: 2 },
      '431003102': { withHealthRecord: 1, immunisationIncomplete: 0, disabled: 1, mentalHealthHighRisk: 0, withChronicIllness: 0, withSeriousCondition: 0 },
    });
  });

  it('gives a Youth League county officer no exact count of a fact it may not read: diagnoses and derived facts banded, totals exact', async () => {
    expect(await statsOf(county('youth_league'), 'CASE_MANAGEMENT', '431003', '431003101', '431003102')).toEqual({
      '431003': { withHealthRecord: 12, immunisationIncomplete: 5, disabled: 5, mentalHealthHighRisk: null, withChronicIllness: null, withSeriousCondition: null },
      '431003101': { withHealthRecord: 11, immunisationIncomplete: 5, disabled: 5, mentalHealthHighRisk: null, withChronicIllness: null, withSeriousCondition: null },
      '431003102': { withHealthRecord: 1, immunisationIncomplete: null, disabled: null, mentalHealthHighRisk: null, withChronicIllness: null, withSeriousCondition: null },
    });
  });

  it('gives civil affairs the derived facts it may read exactly (PROTECTIVE), the diagnoses behind them banded (SENSITIVE)', async () => {
    expect(await statsOf(county('civil_affairs'), 'CASE_MANAGEMENT', '431003102', '431003101')).toEqual({
      '431003101': { withHealthRecord: 11, immunisationIncomplete: 8, disabled: 5, mentalHealthHighRisk: null, withChronicIllness: null, withSeriousCondition: 2 },
      '431003102': { withHealthRecord: 1, immunisationIncomplete: 0, disabled: null, mentalHealthHighRisk: null, withChronicIllness: null, withSeriousCondition: 0 },
    });
  });

  it('lets nobody without exact access recover the suppressed town by subtracting the other town from the county', async () => {
    for (const [principal, purpose] of [
      [county('youth_league'), 'CASE_MANAGEMENT'],
      [county('health'), 'STATISTICS'],
    ] as const) {
      const stats = await statsOf(principal, purpose, '431003', '431003101', '431003102');
      const [total, bailutang, liangtian] = [stats['431003'].disabled, stats['431003101'].disabled, stats['431003102'].disabled];
      // Suppressing 1 to 4 and releasing the rest exactly would have said 9 - 8 = 1.
      expect([total, bailutang, liangtian]).toEqual([5, 5, null]);
      // Bands: the county has 5 to 9 and Bailutang 5 to 9, so Liangtian has anything from 0 to 4 (9 - 5): every small count fits.
      const low = Math.max(0, total - (bailutang + 4));
      const high = Math.min(4, total + 4 - bailutang);
      expect([low, high]).toEqual([0, 4]);
    }
  });
});

describe('lookups by identifier', () => {
  it('answer a record outside the jurisdiction exactly as one that does not exist, by record number and by ID number', async () => {
    const fushun = testPrincipal({ agency: 'health', region: '210421' });
    const unknownIdNumber = `43100320120315099${idNumberCheckChar('43100320120315099')}`;
    for (const [query, elsewhere, unknown] of [
      [`query($v: String!) { healthRecordByNumber(number: $v) { number child { id } } }`, 'HR431003101000000001', 'HR431003101999999999'],
      [`query($v: IdNumber!) { healthRecordByIdNumber(idNumber: $v) { number } }`, ID.wang, unknownIdNumber],
    ] as const) {
      const a = await bed.run(query, { v: elsewhere }, fushun);
      const b = await bed.run(query, { v: unknown }, fushun);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.errors!.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' }]);
      expect(JSON.stringify(a)).not.toContain(elsewhere);
      // And the record is there for its own county.
      expect((await bed.run(query, { v: elsewhere })).errors).toBeUndefined();
    }
  });
});
