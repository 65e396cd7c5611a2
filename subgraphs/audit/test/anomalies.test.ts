import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../src/anomalies/find-anomalies.ts';
import { audit } from '../src/index.ts';
import { auditorScope } from '../src/scope/auditor-scope.ts';
import { ANOMALY_SEQ, insertAnomalyLog } from './anomaly-fixtures.ts';
import { auditors } from './entries.ts';

const bed = useSubgraphTestBed(audit, { fixtures: insertAnomalyLog, principal: auditors.city });
const run = bed.run;

const SEPTEMBER = { from: '2024-09-01T00:00:00+08:00', to: '2024-10-01T00:00:00+08:00' };
const ANOMALIES = `query($window: AnomalyWindow!, $first: Int) {
  accessAnomalies(window: $window) { kind subject agency region summary value entries(first: $first) { seq } }
}`;

async function anomalies(principal = auditors.city, window = SEPTEMBER, first?: number) {
  const result = await run(ANOMALIES, { window, first }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.accessAnomalies.map((a: any) => ({ ...a, entries: a.entries.map((e: { seq: string }) => Number(e.seq)) }));
}

const seqs = (...names: string[]) => names.map((name) => ANOMALY_SEQ[name]!);

describe('accessAnomalies', () => {
  it('finds each kind, with the entries behind it, in one statement for the findings and one for all their entries', async () => {
    bed.database.statements.reset();
    expect(await anomalies()).toEqual([
      {
        kind: 'MANY_CHILDREN',
        subject: 'hs-1',
        agency: 'health',
        region: '431003',
        summary: 'read 25 children; 3 peers (same agency and level) read 5 on average',
        value: 25,
        entries: seqs('hs-1 b', 'hs-1 a'),
      },
      {
        kind: 'OUT_OF_HOURS',
        subject: 'pn-1',
        agency: 'police',
        region: '431003101',
        summary: '2 entries returning child data outside 08:00–20:00 China time (1 under EMERGENCY)',
        value: 2,
        entries: seqs('pn-1 20:00', 'pn-1 21:00'),
      },
      { kind: 'MANY_DENIALS', subject: 'yd-1', agency: 'youth_league', region: '431003101', summary: '10 fields denied', value: 10, entries: seqs('yd-1 b', 'yd-1 a') },
      { kind: 'BREAK_GLASS', subject: 'pg-1', agency: 'police', region: '431002101', summary: '1 break-glass entry', value: 1, entries: seqs('pg-1') },
    ]);
    expect(bed.database.statements.count).toBe(2);
  });

  it('lists the newest entries first, as many as asked', async () => {
    const [manyChildren] = await anomalies(auditors.city, SEPTEMBER, 1);
    expect(manyChildren.entries).toEqual(seqs('hs-1 b'));
    const result = await run(ANOMALIES, { window: SEPTEMBER, first: 501 });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it("compares peers within the auditor's jurisdiction, and finds only its principals", async () => {
    // In Suxian alone hs-1 has no county health peers; the Beihu break-glass is not Suxian's.
    expect((await anomalies(auditors.county)).map((a: any) => [a.kind, a.subject])).toEqual([
      ['OUT_OF_HOURS', 'pn-1'],
      ['MANY_DENIALS', 'yd-1'],
    ]);
    expect((await anomalies(auditors.otherCounty)).map((a: any) => [a.kind, a.subject])).toEqual([['BREAK_GLASS', 'pg-1']]);
    expect(await anomalies(auditors.otherProvince)).toEqual([]);
    // The province sees what the city sees; the failed authentication at night is no one's anomaly.
    expect((await anomalies(auditors.province)).map((a: any) => a.kind)).toEqual(['MANY_CHILDREN', 'OUT_OF_HOURS', 'MANY_DENIALS', 'BREAK_GLASS']);
  });

  it('counts only the window', async () => {
    // The first week: hs-1 still 25, peers 5; no night reads, denials or break-glass yet.
    const firstWeek = await anomalies(auditors.city, { from: '2024-09-01T00:00:00+08:00', to: '2024-09-08T00:00:00+08:00' });
    expect(firstWeek.map((a: any) => [a.kind, a.subject])).toEqual([['MANY_CHILDREN', 'hs-1']]);
    // Reaching back one second more brings hy-1's 100 children in, read at 23:59:59 China time:
    // now hy-1 stands out (and read out of hours), and hs-1 no longer does.
    const wider = await anomalies(auditors.city, { from: '2024-08-31T15:59:59Z', to: '2024-09-08T00:00:00+08:00' });
    expect(wider.map((a: any) => [a.kind, a.subject, a.value])).toEqual([
      ['MANY_CHILDREN', 'hy-1', 105],
      ['OUT_OF_HOURS', 'hy-1', 1],
    ]);
  });

  it('validates the window: ordered, at most 90 days', async () => {
    const ninetyDays = await run(ANOMALIES, { window: { from: '2024-07-03T00:00:00Z', to: '2024-10-01T00:00:00Z' } });
    expect(ninetyDays.errors).toBeUndefined();
    for (const window of [
      { from: '2024-07-02T23:59:59Z', to: '2024-10-01T00:00:00Z' },
      { from: '2024-10-01T00:00:00Z', to: '2024-09-01T00:00:00Z' },
      { from: '2024-09-01', to: '2024-10-01T00:00:00Z' },
    ]) {
      const result = await run(ANOMALIES, { window });
      expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  it('is refused to non-auditors, whose SQL finds nothing anyway', async () => {
    const officer = testPrincipal({ agency: 'police', level: 'province', region: '43' });
    const result = await run(ANOMALIES, { window: SEPTEMBER }, officer);
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(await findAnomalies(bed.database.db, auditorScope(officer), new Date('2024-09-01T00:00:00Z'), new Date('2024-10-01T00:00:00Z'))).toEqual([]);
  });
});
