import { COUNTED_FACTS, countedFactOf, countedFactProblems, type Agency, type Purpose } from '@lbc/schema';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandCount, countResolvers, countsExactly, releaseCount } from '../src/jurisdiction/disclosure-control.ts';
import { testPrincipal } from '../src/testing/test-principal.ts';

const caller = (agency: Agency, level: 'village' | 'town' | 'county' | 'city' | 'province' = 'county', purpose: Purpose = 'CASE_MANAGEMENT') => ({
  principal: testPrincipal({ agency, level, region: { village: '431003101201', town: '431003101', county: '431003', city: '4310', province: '43' }[level] }),
  purpose,
});

/** What a released figure says the true count may be: a band of five, or exactly the count. */
const possible = (released: number | null): [number, number] => (released === null ? [0, 4] : [released, released + 4]);

/**
 * The counts of one part that agree with a released total and its released parts (the
 * attacker's view: total = sum of parts, each within its band), as an interval.
 */
function recoverable(total: number | null, parts: readonly (number | null)[], index: number): [number, number] {
  const [totalLow, totalHigh] = possible(total);
  const others = parts.filter((_, i) => i !== index).map(possible);
  const [ownLow, ownHigh] = possible(parts[index]!);
  const low = Math.max(ownLow, totalLow - others.reduce((sum, [, high]) => sum + high, 0));
  const high = Math.min(ownHigh, totalHigh - others.reduce((sum, [low]) => sum + low, 0));
  return [low, high];
}

describe('bandCount', () => {
  it('suppresses 0 to 4 and rounds every other count down to a multiple of five, deterministically', () => {
    expect([0, 1, 2, 3, 4].map(bandCount)).toEqual([null, null, null, null, null]);
    expect([5, 6, 9, 10, 14, 15, 1234].map(bandCount)).toEqual([5, 5, 5, 10, 10, 15, 1230]);
    expect(bandCount(null)).toBeNull();
    expect(bandCount(7)).toBe(bandCount(7));
  });
});

describe('countsExactly', () => {
  it('needs record access and the right to read the counted fact on the record, with this subgraph as owner', () => {
    const youthLeague = caller('youth_league');
    expect(countsExactly(youthLeague, 'BASIC', 'health')).toBe(true);
    expect(countsExactly(youthLeague, 'PROTECTIVE', 'civil_affairs')).toBe(false);
    expect(countsExactly(youthLeague, 'SENSITIVE', 'health')).toBe(false);

    const health = caller('health');
    expect(countsExactly(health, 'SENSITIVE', 'health')).toBe(true);
    expect(countsExactly(health, 'SENSITIVE', 'police')).toBe(false);
    expect(countsExactly(caller('civil_affairs'), 'PROTECTIVE', 'health')).toBe(true);
    expect(countsExactly(caller('justice', 'town'), 'PROTECTIVE', 'police')).toBe(true);
    expect(countsExactly(caller('civil_affairs'), 'SENSITIVE', 'health')).toBe(false);
  });

  it('gives nothing exactly under STATISTICS, nor to a city outside SUPERVISION; a supervising city gets BASIC and PROTECTIVE', () => {
    expect(countsExactly(caller('health', 'county', 'STATISTICS'), 'BASIC', 'health')).toBe(false);
    expect(countsExactly(caller('civil_affairs', 'city', 'CASE_MANAGEMENT'), 'BASIC', 'civil_affairs')).toBe(false);
    expect(countsExactly(caller('civil_affairs', 'city', 'SUPERVISION'), 'PROTECTIVE', 'civil_affairs')).toBe(true);
    expect(countsExactly(caller('health', 'province', 'SUPERVISION'), 'SENSITIVE', 'health')).toBe(false);
  });

  it('opens no count by case work or break-glass: those are for one child’s record', () => {
    expect(countsExactly(caller('police', 'county', 'EMERGENCY'), 'SENSITIVE', 'health')).toBe(false);
    expect(countsExactly(caller('civil_affairs', 'county', 'ASSESSMENT'), 'SENSITIVE', 'police')).toBe(false);
  });

  it('always releases PUBLIC counts (institutions, not children) as they are', () => {
    expect(countsExactly(caller('youth_league', 'province', 'STATISTICS'), 'PUBLIC', 'education')).toBe(true);
    expect(releaseCount(3, 'SchoolRegionStats', 'schools', caller('youth_league', 'city', 'STATISTICS'), 'education')).toBe(3);
  });
});

describe('releaseCount', () => {
  it('is exact for a caller who may read the fact, banded for one who may not', () => {
    expect(releaseCount(3, 'HealthRegionStats', 'mentalHealthHighRisk', caller('health'), 'health')).toBe(3);
    expect(releaseCount(3, 'HealthRegionStats', 'mentalHealthHighRisk', caller('youth_league'), 'health')).toBeNull();
    expect(releaseCount(12, 'HealthRegionStats', 'mentalHealthHighRisk', caller('youth_league'), 'health')).toBe(10);
    expect(releaseCount(3, 'HealthRegionStats', 'withHealthRecord', caller('youth_league'), 'health')).toBe(3);
  });

  it('treats an undeclared count as SENSITIVE (default deny)', () => {
    expect(countedFactOf('HealthRegionStats', 'shoeSizes')).toBe('SENSITIVE');
    expect(releaseCount(2, 'HealthRegionStats', 'shoeSizes', caller('civil_affairs'), 'health')).toBeNull();
  });
});

describe('differencing', () => {
  it('a county total minus its towns no longer recovers a suppressed town (it did under "suppress 1–4, keep the rest exact")', () => {
    // Town A has 1 child with the fact, town B 5: the county 6.
    const county = 6;
    const towns = [1, 5];
    // The old rule: 6 - 5 = 1, exactly the suppressed cell.
    const old = (count: number) => (count > 0 && count < 5 ? null : count);
    expect(old(towns[0]!)).toBeNull();
    expect(old(county)! - old(towns[1]!)!).toBe(towns[0]);
    // Bands: county "5" (5-9), town B "5" (5-9), town A null (0-4): A could be anything from 0 to 4.
    expect(recoverable(bandCount(county), towns.map(bandCount), 0)).toEqual([0, 4]);
  });

  // The limit of any deterministic banding: five (or ten...) parts all at the top of their
  // band, e.g. five towns of exactly 4, sum to a total at the bottom of its band (20), and
  // only one split fits. Rare, and it reveals counts, not children; noise keyed to the
  // counted records (the cell-key method) would close it.
  it('leaves at least two possible counts for every town of a county of two to four towns, whatever their counts', () => {
    for (const towns of [2, 3, 4]) {
      const values = Array.from({ length: towns }, () => 0);
      const combinations = 10 ** towns;
      for (let n = 0; n < combinations; n++) {
        for (let i = 0, rest = n; i < towns; i++, rest = Math.floor(rest / 10)) values[i] = rest % 10;
        const total = values.reduce((sum, v) => sum + v, 0);
        const released = values.map(bandCount);
        for (let i = 0; i < towns; i++) {
          const [low, high] = recoverable(bandCount(total), released, i);
          // Plain checks, not expect(): ten thousand splits.
          if (values[i]! < low || values[i]! > high) throw new Error(`town ${i} of ${JSON.stringify(values)}: the true count is outside [${low}, ${high}]`);
          if (high - low < 1) throw new Error(`town ${i} of ${JSON.stringify(values)} recovered exactly`);
        }
      }
    }
  });
});

describe('countResolvers', () => {
  type Row = { code: string; with_health_record: number; disabled: number };
  const columns = {
    withHealthRecord: 'with_health_record',
    immunisationIncomplete: 'disabled',
    malnourished: 'disabled',
    disabled: 'disabled',
    withChronicIllness: 'disabled',
    mentalHealthHighRisk: 'disabled',
    hospitalised: 'disabled',
    withSeriousCondition: 'disabled',
    needingFollowUp: 'disabled',
  } as const;

  it('releases each field by its own counted fact', () => {
    const resolvers = countResolvers<Row>('HealthRegionStats', 'health', columns);
    const row: Row = { code: '431003', with_health_record: 3, disabled: 2 };
    const youthLeague = caller('youth_league');
    expect(resolvers.withHealthRecord!(row, {}, youthLeague)).toBe(3);
    expect(resolvers.disabled!(row, {}, youthLeague)).toBeNull();
    expect(resolvers.disabled!(row, {}, caller('health'))).toBe(2);
  });

  it('refuses a mapping that leaves a declared count unreleased, or names an undeclared one', () => {
    const { disabled: _, ...missing } = columns;
    expect(() => countResolvers<Row>('HealthRegionStats', 'health', missing)).toThrow(/counts without release \[disabled\]/);
    expect(() => countResolvers<Row>('HealthRegionStats', 'health', { ...columns, shoeSizes: 'disabled' })).toThrow(/without a counted fact \[shoeSizes\]/);
  });
});

describe('counted facts', () => {
  it('declares every count of the supergraph’s stats types, and nothing else', () => {
    const supergraph = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
    expect(countedFactProblems(buildSchema(supergraph, { assumeValidSDL: true }))).toEqual([]);
  });

  it('reports an undeclared count and a declaration of no count', () => {
    const schema = buildSchema(`
      type Query { a: Int }
      type RegistryStats { activeChildren: Int shoeSizes: Int }
      type SchoolRegionStats { schools: Int! }
      type HouseholdRegionStats { registeredChildren: Int }
      type HealthRegionStats { withHealthRecord: Int }
    `);
    const problems = countedFactProblems(schema);
    expect(problems).toContain('RegistryStats.shoeSizes is a count with no counted fact (schema/src/policy/counted-facts.ts)');
    expect(problems).toContain('counted-facts.ts names RegistryStats.guardianMissing, which is not a count of the schema');
  });

  it('counts diagnoses and a parent’s criminal status as SENSITIVE, risk flags and dropouts as PROTECTIVE', () => {
    expect(COUNTED_FACTS.HealthRegionStats.mentalHealthHighRisk).toBe('SENSITIVE');
    expect(COUNTED_FACTS.HealthRegionStats.disabled).toBe('SENSITIVE');
    expect(COUNTED_FACTS.HouseholdRegionStats.childrenWithParentServingSentence).toBe('SENSITIVE');
    expect(COUNTED_FACTS.RegistryStats.guardianMissing).toBe('PROTECTIVE');
    expect(COUNTED_FACTS.SchoolRegionStats.dropoutsOpen).toBe('PROTECTIVE');
    expect(COUNTED_FACTS.HouseholdRegionStats.unregisteredPending).toBe('PROTECTIVE');
  });
});
