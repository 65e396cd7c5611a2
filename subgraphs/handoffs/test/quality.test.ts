import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { handoffs } from '../src/index.ts';
import { handoffFixtures, people, TOWN } from './fixtures.ts';

const bed = useSubgraphTestBed(handoffs, { fixtures: handoffFixtures });

const RECORD = `mutation ($input: _QualityCheckInput!) { _recordQualityCheck(input: $input) { opened resolved open discovered } }`;
const FINDINGS = `query ($region: DivisionCode!, $quarter: String!, $rule: ID, $owner: Agency, $first: Int, $after: String) {
  qualityFindings(regionCode: $region, quarter: $quarter, rule: $rule, owner: $owner, first: $first, after: $after) {
    edges { cursor node { rule { id owner agencies } child { id } villageCode owner firstSeenAt resolvedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const COUNTS = `query ($reps: [_Any!]!, $quarter: String!) { _entities(representations: $reps) { ... on Region { dataQuality(quarter: $quarter) { quarter byRule { rule { id } found stillOpen } } } } }`;
const WARNINGS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on QuarterlySubmission { townCode qualityWarnings { rule { id } found stillOpen } } } }`;
const REQUEST = `mutation ($input: RequestQualityCheckInput!) { requestQualityCheck(input: $input) { check { townCode requestedAt checkedAt } } }`;
const REQUESTS = `{ _qualityRequests(limit: 10) { townCode requestedAt } }`;
const DISCOVERIES = `query { workQueue(first: 50) { edges { node { handoff { id kind reason note child { id } from { agency level regionCode } to { agency level regionCode } } } } } }`;

const V1 = `${TOWN}001`;
const V2 = `${TOWN}002`;
const exchange = { service: 'exchange' } as const;

async function record(checkedAt: string, findings: { childId: string; rule: string; villageCode: string }[], discoveries: typeof findings = [], answersRequestOf?: string) {
  const result = await bed.run(RECORD, { input: { townCode: TOWN, checkedAt, findings, discoveries, answersRequestOf } }, people.auditor, 'CASE_MANAGEMENT', exchange);
  expect(result.errors).toBeUndefined();
  return result.data!._recordQualityCheck;
}

const findings = async (principal: (typeof people)[keyof typeof people], vars: Record<string, unknown> = {}) => {
  const result = await bed.run(FINDINGS, { region: TOWN, quarter: '2024-Q4', first: 50, ...vars }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.qualityFindings.edges.map((e: any) => e.node);
};

describe('recording a township check', () => {
  it('opens new findings, keeps those seen again, resolves the rest, and lists them to the agencies of each rule only', async () => {
    expect(
      await record('2024-10-02T02:00:00Z', [
        { childId: 'LB000000101', rule: 'SCHOOL_FLAG_MISSING', villageCode: V1 },
        { childId: 'LB000000102', rule: 'PARENT_IN_PRISON_AT_HOME', villageCode: V2 },
        { childId: 'LB000000103', rule: 'ACTIVE_AT_SIXTEEN', villageCode: V2 },
      ]),
    ).toEqual({ opened: 3, resolved: 0, open: 3, discovered: 0 });
    // The next day: one seen again, one corrected, one new.
    expect(
      await record('2024-10-03T02:00:00Z', [
        { childId: 'LB000000101', rule: 'SCHOOL_FLAG_MISSING', villageCode: V1 },
        { childId: 'LB000000104', rule: 'DISABILITY_FLAG_MISSING', villageCode: V1 },
      ]),
    ).toEqual({ opened: 1, resolved: 2, open: 2, discovered: 0 });

    const civil = await findings(people.township);
    expect(civil.map((f: any) => [f.rule.id, f.child.id, f.resolvedAt === null])).toEqual([
      ['SCHOOL_FLAG_MISSING', 'LB000000101', true],
      ['PARENT_IN_PRISON_AT_HOME', 'LB000000102', false],
      ['ACTIVE_AT_SIXTEEN', 'LB000000103', false],
      ['DISABILITY_FLAG_MISSING', 'LB000000104', true],
    ]);
    expect(civil[0]).toMatchObject({ owner: 'education', villageCode: V1, rule: { owner: 'education', agencies: ['civil_affairs', 'education'] } });
    // Education takes part in the school rules only; the police in theirs; a school's staff and auditors see none.
    expect((await findings(people.countyEducation)).map((f: any) => f.rule.id)).toEqual(['SCHOOL_FLAG_MISSING']);
    expect((await findings(people.countyPolice)).map((f: any) => f.rule.id)).toEqual(['PARENT_IN_PRISON_AT_HOME']);
    expect(await findings(people.teacher)).toEqual([]);
    const audit = await bed.run(FINDINGS, { region: TOWN, quarter: '2024-Q4' }, people.auditor);
    expect(audit.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    // Filters, and a quarter before anything was found.
    expect((await findings(people.township, { owner: 'civil_affairs' })).map((f: any) => f.child.id)).toEqual(['LB000000102', 'LB000000103', 'LB000000104']);
    expect((await findings(people.township, { rule: 'ACTIVE_AT_SIXTEEN' })).map((f: any) => f.child.id)).toEqual(['LB000000103']);
    expect(await findings(people.township, { quarter: '2024-Q3' })).toEqual([]);
    // Keyset pages add up to the whole list.
    const first = await bed.run(FINDINGS, { region: TOWN, quarter: '2024-Q4', first: 2 }, people.township);
    const rest = await bed.run(FINDINGS, { region: TOWN, quarter: '2024-Q4', first: 2, after: first.data!.qualityFindings.pageInfo.endCursor }, people.township);
    expect([...first.data!.qualityFindings.edges, ...rest.data!.qualityFindings.edges].map((e: any) => e.node.child.id)).toEqual(civil.map((f: any) => f.child.id));
    expect(rest.data!.qualityFindings.pageInfo.hasNextPage).toBe(false);
  });

  it('counts findings per rule for a region and warns a submission of its open ones, exactly or in bands by who asks', async () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ childId: `LB00000020${i}`, rule: 'ACTIVE_AT_SIXTEEN', villageCode: V1 }));
    await record('2024-10-04T02:00:00Z', [...many, { childId: 'LB000000301', rule: 'SCHOOL_FLAG_STALE', villageCode: V2 }]);
    const counts = async (principal: (typeof people)[keyof typeof people], purpose: 'CASE_MANAGEMENT' | 'STATISTICS' = 'CASE_MANAGEMENT') => {
      const result = await bed.run(COUNTS, { reps: [{ __typename: 'Region', code: '431003' }], quarter: '2024-Q4' }, principal, purpose);
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(result.data!._entities[0].dataQuality.byRule.map((r: any) => [r.rule.id, [r.found, r.stillOpen]]));
    };
    const county = await counts(people.countyCivil);
    // The one resolved by the earlier check was found during the quarter too: found 8, still open 7.
    expect(county.ACTIVE_AT_SIXTEEN).toEqual([8, 7]);
    expect(county.SCHOOL_FLAG_STALE).toEqual([1, 1]);
    expect(county.ID_NUMBER_DISAGREES).toEqual([0, 0]);
    // Under STATISTICS the same counts come in bands of five: 8 and 7 → 5, 1 → suppressed.
    const banded = await counts(people.countyCivil, 'STATISTICS');
    expect(banded.ACTIVE_AT_SIXTEEN).toEqual([5, 5]);
    expect(banded.SCHOOL_FLAG_STALE).toEqual([null, null]);
    // Education counts its own rules only.
    expect(Object.keys(await counts(people.countyEducation)).sort()).toEqual(['JOINED_PARENTS_STILL_ENROLLED', 'SCHOOL_AGE_NOT_ENROLLED', 'SCHOOL_FLAG_MISSING', 'SCHOOL_FLAG_STALE']);

    const warnings = await bed.run(WARNINGS, { reps: [{ __typename: 'QuarterlySubmission', townCode: TOWN, quarter: '2024-Q4' }] }, people.township);
    expect(warnings.errors).toBeUndefined();
    const byRule = Object.fromEntries(warnings.data!._entities[0].qualityWarnings.map((w: any) => [w.rule.id, w.stillOpen]));
    expect(byRule).toEqual({ ACTIVE_AT_SIXTEEN: 7, SCHOOL_FLAG_STALE: 1 });
  });

  it('hands each discovered child to its township once, carrying the rule only', async () => {
    const found = [
      { childId: 'LB000000401', rule: 'SCHOOL_FLAGS_LEFT_BEHIND', villageCode: V1 },
      { childId: 'LB000000402', rule: 'BOTH_PARENTS_ELSEWHERE', villageCode: V2 },
    ];
    expect(await record('2024-10-05T02:00:00Z', [], found)).toMatchObject({ discovered: 2 });
    expect(await record('2024-10-06T02:00:00Z', [], found)).toMatchObject({ discovered: 0 });
    const queue = (await bed.run(DISCOVERIES, {}, people.township)).data!.workQueue.edges.map((e: any) => e.node.handoff).filter((h: any) => h.kind === 'DISCOVERY');
    expect(queue).toHaveLength(2);
    expect(queue.find((h: any) => h.child.id === 'LB000000401')).toMatchObject({
      reason: 'SCHOOL_FLAGS_LEFT_BEHIND',
      from: { agency: 'education', level: 'COUNTY', regionCode: '431003' },
      to: { agency: 'civil_affairs', level: 'TOWN', regionCode: TOWN },
    });
    expect(queue.find((h: any) => h.child.id === 'LB000000402')).toMatchObject({ reason: 'BOTH_PARENTS_ELSEWHERE', from: { agency: 'police' } });
  });

  it('refuses a malformed check and anyone but the hub’s worker, writing nothing', async () => {
    const before = await bed.count('quality_finding');
    const bad = await bed.run(
      RECORD,
      { input: { townCode: TOWN, checkedAt: '2024-10-02T02:00:00Z', findings: [{ childId: 'LB1', rule: 'NO_SUCH_RULE', villageCode: V1 }], discoveries: [] } },
      people.auditor,
      'CASE_MANAGEMENT',
      exchange,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const elsewhere = await bed.run(
      RECORD,
      { input: { townCode: TOWN, checkedAt: '2024-10-02T02:00:00Z', findings: [{ childId: 'LB1', rule: 'ACTIVE_AT_SIXTEEN', villageCode: '431021100001' }], discoveries: [] } },
      people.auditor,
      'CASE_MANAGEMENT',
      exchange,
    );
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const client = await bed.run(RECORD, { input: { townCode: TOWN, checkedAt: '2024-10-02T02:00:00Z', findings: [], discoveries: [] } }, people.countyCivil);
    expect(client.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await bed.count('quality_finding')).toBe(before);
  });
});

describe('asking for a check', () => {
  it('queues the township once, and the check that answers the request clears it', async () => {
    const asked = await bed.run(REQUEST, { input: { townCode: TOWN } }, people.countyEducation);
    expect(asked.errors).toBeUndefined();
    const again = await bed.run(REQUEST, { input: { townCode: TOWN } }, people.township);
    expect(again.data!.requestQualityCheck.check.requestedAt).toBe(asked.data!.requestQualityCheck.check.requestedAt);
    const queued = (await bed.run(REQUESTS, {}, people.auditor, 'CASE_MANAGEMENT', exchange)).data!._qualityRequests;
    expect(queued).toEqual([{ townCode: TOWN, requestedAt: asked.data!.requestQualityCheck.check.requestedAt }]);
    await record(new Date().toISOString(), [], [], queued[0].requestedAt);
    expect((await bed.run(REQUESTS, {}, people.auditor, 'CASE_MANAGEMENT', exchange)).data!._qualityRequests).toEqual([]);
  });

  it('is refused for a township outside the caller’s region and for a code that is not a township', async () => {
    const outside = await bed.run(REQUEST, { input: { townCode: '431021100' } }, people.countyEducation);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const village = await bed.run(REQUEST, { input: { townCode: V1 } }, people.countyEducation);
    expect(village.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
