import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/index.ts';
import type { AuditRecord, HubDB } from '../src/store/index.ts';
import { appendAll, auditors, reader, record } from './entries.ts';

/** In September 2024, working hours (10:00 China time plus `minute`). */
const at = (day: number, minute = 0) => new Date(Date.UTC(2024, 8, day, 2, minute));

const guesser = reader('justice', 'county', '431003', 'guesser');
const typist = reader('civil_affairs', 'county', '431003', 'typist');
const other = reader('police', 'county', '431003', 'other');
const outsider = reader('police', 'county', '210421', 'outsider');

/** A lookup by ID number that found nothing: the fetch it made and the NOT_FOUND it got. */
const miss = (principal = guesser, day = 2, minute = 0, field = 'childByIdNumber', subgraph = 'civil-affairs'): AuditRecord =>
  record({
    at: at(day, minute),
    principal,
    operationText: `{\n  ${field}(idNumber: "431003********0012") {\n    name\n  }\n}`,
    variables: {},
    fetches: [{ subgraph, fields: [`Query.${field}`, 'Child.name'] }],
    children: [],
    outcome: 'error',
    errorCodes: ['NOT_FOUND'],
  });

/** Refused by the gateway's throttle before any fetch: only the operation shows the lookup. */
const throttled = (principal = guesser, day = 3, minute = 0): AuditRecord =>
  record({
    at: at(day, minute),
    principal,
    operationText: `{\n  a: residentByIdNumber(idNumber: "431003********0021") {\n    id\n  }\n}`,
    variables: {},
    fetches: [],
    children: [],
    outcome: 'rejected',
    errorCodes: ['RATE_LIMITED'],
    reason: 'too many lookups by identifier found nothing; try again later',
  });

/** The log, in order (seq = position + 1). */
const ENTRIES: [string, AuditRecord][] = [
  // FAILED_IDENTIFIER_LOOKUPS: nine misses on four kinds of lookup, then three throttled refusals = 12.
  ...Array.from({ length: 6 }, (_, i): [string, AuditRecord] => [`guesser miss ${i}`, miss(guesser, 2, i)]),
  ['guesser miss household', miss(guesser, 2, 10, 'household', 'police-household')],
  ['guesser miss health record', miss(guesser, 2, 11, 'healthRecordByNumber', 'health')],
  ['guesser miss student number', miss(guesser, 2, 12, 'enrollmentByStudentNumber', 'education-enrollment')],
  ...Array.from({ length: 3 }, (_, i): [string, AuditRecord] => [`guesser throttled ${i}`, throttled(guesser, 3, i)]),
  // Its successful lookup is not behind the finding.
  [
    'guesser found',
    record({
      at: at(4),
      principal: guesser,
      operationText: '{\n  childByIdNumber(idNumber: "431003********0012") {\n    name\n  }\n}',
      fetches: [{ subgraph: 'civil-affairs', fields: ['Query.childByIdNumber', 'Child.name'] }],
    }),
  ],
  // Not FAILED_IDENTIFIER_LOOKUPS: nine misses, under ten.
  ...Array.from({ length: 9 }, (_, i): [string, AuditRecord] => [`typist miss ${i}`, miss(typist, 5, i)]),
  // Not FAILED_IDENTIFIER_LOOKUPS: ten NOT_FOUND and RATE_LIMITED entries, none a lookup by identifier
  // (a rate-limited client refused before planning; a child's household, without arguments, in the text).
  ...Array.from({ length: 5 }, (_, i): [string, AuditRecord] => [
    `other limited ${i}`,
    record({ at: at(6, i), principal: other, operationText: null, fetches: [], children: [], outcome: 'rejected', errorCodes: ['RATE_LIMITED'] }),
  ]),
  ...Array.from({ length: 5 }, (_, i): [string, AuditRecord] => [
    `other not found ${i}`,
    record({
      at: at(6, 10 + i),
      principal: other,
      operationText: '{\n  child(id: "LB000000001") {\n    household {\n      number\n    }\n  }\n}',
      fetches: [{ subgraph: 'police-household', fields: ['Child.household'] }],
      errorCodes: ['NOT_FOUND'],
      outcome: 'partial',
    }),
  ]),
  // In Fushun: outside the Suxian auditor's jurisdiction.
  ...Array.from({ length: 10 }, (_, i): [string, AuditRecord] => [`outsider miss ${i}`, miss(outsider, 7, i)]),
];
const SEQ: Record<string, number> = Object.fromEntries(ENTRIES.map(([name], i) => [name, i + 1]));

async function insertLog(db: Kysely<HubDB>): Promise<void> {
  await appendAll(
    db,
    ENTRIES.map(([, r]) => r),
  );
}

const bed = useSubgraphTestBed(audit, { fixtures: insertLog, principal: auditors.city });
const SEPTEMBER = { from: '2024-09-01T00:00:00+08:00', to: '2024-10-01T00:00:00+08:00' };
const ANOMALIES = `query($window: AnomalyWindow!, $first: Int) {
  accessAnomalies(window: $window) { kind subject agency region summary value entries(first: $first) { seq } }
}`;

async function anomalies(principal = auditors.city, first = 20) {
  const result = await bed.run(ANOMALIES, { window: SEPTEMBER, first }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.accessAnomalies.map((a: any) => ({ ...a, entries: a.entries.map((e: { seq: string }) => Number(e.seq)) }));
}

describe('accessAnomalies: FAILED_IDENTIFIER_LOOKUPS', () => {
  it('finds the principal whose lookups by identifier keep finding nothing or are throttled, with those entries newest first', async () => {
    const behind = Object.keys(SEQ).filter((name) => name.startsWith('guesser miss') || name.startsWith('guesser throttled'));
    expect(await anomalies(auditors.county)).toEqual([
      {
        kind: 'FAILED_IDENTIFIER_LOOKUPS',
        subject: 'guesser',
        agency: 'justice',
        region: '431003',
        summary: '12 entries with lookups by identifier that found nothing or were refused (3 refused as throttled)',
        value: 12,
        entries: behind.map((name) => SEQ[name]!).reverse(),
      },
    ]);
  });

  it("finds only the auditor's principals", async () => {
    expect((await anomalies(auditors.city)).map((a: any) => [a.kind, a.subject, a.value])).toEqual([['FAILED_IDENTIFIER_LOOKUPS', 'guesser', 12]]);
    expect((await anomalies(auditors.otherProvince)).map((a: any) => [a.kind, a.subject, a.value])).toEqual([['FAILED_IDENTIFIER_LOOKUPS', 'outsider', 10]]);
    expect(await anomalies(auditors.otherCounty)).toEqual([]);
  });
});
