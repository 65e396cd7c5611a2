import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { entryConditions } from '../src/access-log/entry-conditions.ts';
import { entryPage } from '../src/access-log/entry-page.ts';
import { audit } from '../src/index.ts';
import { auditorScope } from '../src/scope/auditor-scope.ts';
import { insertAccessLog } from './access-log-fixtures.ts';
import { auditors } from './entries.ts';

const bed = useSubgraphTestBed(audit, { fixtures: insertAccessLog, principal: auditors.county });
const run = bed.run;

const LOG = `query($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) { edges { cursor node { seq } } pageInfo { hasNextPage endCursor } }
}`;

/** The seqs an auditor gets for a filter (one page of 50). */
async function seqs(filter: Record<string, unknown> | null, principal = auditors.county): Promise<number[]> {
  const result = await run(LOG, { filter }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.accessLog.edges.map((e: { node: { seq: string } }) => Number(e.node.seq));
}

describe('accessLog: jurisdiction', () => {
  it("gives a county auditor its county's principals' entries, newest first", async () => {
    expect(await seqs(null)).toEqual([8, 7, 3, 2, 1]);
  });

  it('gives another county auditor only its own county', async () => {
    expect(await seqs(null, auditors.otherCounty)).toEqual([4]);
  });

  it("gives a town auditor its town's principals only (not the county officers above it)", async () => {
    expect(await seqs(null, auditors.town)).toEqual([2]);
  });

  it('gives a city auditor its counties, and no unauthenticated entries', async () => {
    expect(await seqs(null, auditors.city)).toEqual([8, 7, 4, 3, 2, 1]);
  });

  it('gives a province auditor its province and the entries without a principal', async () => {
    expect(await seqs(null, auditors.province)).toEqual([8, 7, 5, 4, 3, 2, 1]);
    expect(await seqs(null, auditors.otherProvince)).toEqual([6, 5]);
  });

  it('refuses the log to non-auditors at the field, and their SQL finds nothing anyway', async () => {
    const officer = testPrincipal({ agency: 'health', level: 'county', region: '431003' });
    const result = await run(LOG, {}, officer);
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', rule: 'audit-log-for-auditors-only' });
    // Default deny below the field rule: the statement itself selects nothing for them.
    for (const principal of [officer, testPrincipal({ agency: 'civil_affairs', level: 'province', region: '43' })]) {
      const page = await entryPage(bed.database.db, entryConditions(auditorScope(principal), null), { first: 500 });
      expect(page.edges).toEqual([]);
    }
  });
});

describe('accessLog: filters', () => {
  it('filters by subject, agency, child, purpose, outcome, field class and break-glass', async () => {
    expect(await seqs({ subject: 'hs-1' })).toEqual([8, 1]);
    expect(await seqs({ subject: 'cb-1' })).toEqual([]); // a principal outside the jurisdiction
    expect(await seqs({ agency: 'police' })).toEqual([3]);
    expect(await seqs({ childId: 'LB000000002' })).toEqual([3, 2]);
    expect(await seqs({ purpose: 'EMERGENCY' })).toEqual([3]);
    expect(await seqs({ purpose: 'SUPERVISION' })).toEqual([7]);
    expect(await seqs({ outcome: 'partial' }, auditors.city)).toEqual([4]);
    expect(await seqs({ outcome: 'rejected' }, auditors.province)).toEqual([5]);
    expect(await seqs({ fieldClass: 'SENSITIVE' })).toEqual([3, 2]);
    expect(await seqs({ fieldClass: 'PROTECTIVE' }, auditors.city)).toEqual([4]);
    expect(await seqs({ breakGlass: true })).toEqual([3]);
    expect(await seqs({ breakGlass: false })).toEqual([8, 7, 2, 1]);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    expect(await seqs({ from: '2024-09-02T02:00:00Z', to: '2024-09-08T02:00:00Z' })).toEqual([7, 3, 2]);
    expect(await seqs({ from: '2024-09-02T10:00:00+08:00' })).toEqual([8, 7, 3, 2]);
    expect(await seqs({ to: '2024-09-02T02:00:00Z' })).toEqual([1]);
  });

  it('combines filters', async () => {
    expect(await seqs({ subject: 'hs-1', childId: 'LB000000001', from: '2024-09-05T00:00:00Z' })).toEqual([8]);
    expect(await seqs({ agency: 'health', fieldClass: 'SENSITIVE' })).toEqual([2]);
  });

  it('filters by region at any level, narrowed to the jurisdiction', async () => {
    expect(await seqs({ regionCode: '431003101' })).toEqual([2]);
    expect(await seqs({ regionCode: '431003' })).toEqual([8, 7, 3, 2, 1]);
    // Wider than the jurisdiction: narrowed to it.
    expect(await seqs({ regionCode: '43' })).toEqual([8, 7, 3, 2, 1]);
    // A region filter leaves out the entries that have no principal (and so no region).
    expect(await seqs({ regionCode: '43' }, auditors.province)).toEqual([8, 7, 4, 3, 2, 1]);
    expect(await seqs({ regionCode: '431002' }, auditors.province)).toEqual([4]);
  });

  it('refuses a region outside the jurisdiction', async () => {
    const result = await run(LOG, { filter: { regionCode: '431002' } });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
  });

  it('validates its inputs', async () => {
    const codes = async (variables: Record<string, unknown>) => (await run(LOG, variables)).errors?.map((e) => e.extensions?.code);
    expect(await codes({ filter: { regionCode: '4310031' } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ filter: { from: '2024-09-01' } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ filter: { from: '2024-09-05T00:00:00Z', to: '2024-09-05T00:00:00Z' } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ filter: { agency: 'army' } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ filter: { purpose: 'CURIOSITY' } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ filter: { childId: '' } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ filter: { subject: 'x'.repeat(257) } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ first: 501 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ first: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ after: 'bm90LWEtY3Vyc29y' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ after: Buffer.from('["8"]').toString('base64url') })).toEqual(['BAD_USER_INPUT']);
  });
});

describe('accessLog: pages', () => {
  it('pages newest first by cursor, one statement per page', async () => {
    const pages: number[][] = [];
    let after: string | null = null;
    let statements = 0;
    for (;;) {
      bed.database.statements.reset();
      const result = await run(LOG, { first: 2, after });
      statements = Math.max(statements, bed.database.statements.count);
      const { edges, pageInfo } = result.data!.accessLog;
      pages.push(edges.map((e: { node: { seq: string } }) => Number(e.node.seq)));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toEqual([[8, 7], [3, 2], [1]]);
    expect(statements).toBe(1);
  });

  it('returns every recorded field of an entry', async () => {
    const result = await run(`{ accessLog(filter: { breakGlass: true }) { edges { node {
      seq at requestId client purpose caseId justification breakGlass mode operationName operationHash operationText variables
      principal { subject issuer agency level region org roles }
      fetches { subgraph fields } children { childId fields { coordinate fieldClass masked } } otherFields { coordinate }
      denied { path } outcome errorCodes reason durationMs prevHash hash
    } } } }`);
    expect(result.errors).toBeUndefined();
    const [{ node }] = result.data!.accessLog.edges;
    expect(node).toMatchObject({
      seq: '3',
      at: '2024-09-03T02:00:00.000Z',
      requestId: 'req-3',
      purpose: 'EMERGENCY',
      justification: 'child missing since last night, hospital check',
      breakGlass: true,
      variables: { id: 'LB000000001' },
      principal: { subject: 'ps-1', agency: 'police', level: 'county', region: '431003', org: null, roles: ['officer'] },
      fetches: [{ subgraph: 'civil-affairs', fields: ['Query.child', 'Child.name'] }],
      children: [{ childId: 'LB000000002', fields: [{ coordinate: 'Child.chronicConditions', fieldClass: 'SENSITIVE', masked: false }] }],
      otherFields: [],
      denied: [],
      outcome: 'ok',
      durationMs: 12,
    });
    expect(node.hash).toMatch(/^[0-9a-f]{64}$/);
    const previous = await run(`{ accessLog(filter: { to: "2024-09-03T00:00:00Z" }, first: 1) { edges { node { hash } } } }`);
    expect(node.prevHash).toBe(previous.data!.accessLog.edges[0].node.hash);
  });
});

describe('childAccessHistory', () => {
  const HISTORY = `query($id: ID!, $first: Int, $after: String) { childAccessHistory(childId: $id, first: $first, after: $after) {
    edges { node { seq principal { subject agency } children { childId fields { coordinate } } } } pageInfo { hasNextPage endCursor } } }`;

  it('lists every access to the child in the jurisdiction, newest first', async () => {
    const result = await run(HISTORY, { id: 'LB000000002' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.childAccessHistory.edges.map((e: any) => [Number(e.node.seq), e.node.principal.subject])).toEqual([
      [3, 'ps-1'],
      [2, 'ht-1'],
    ]);
  });

  it('pages', async () => {
    const first = await run(HISTORY, { id: 'LB000000001', first: 1 });
    expect(first.data!.childAccessHistory.edges.map((e: any) => e.node.seq)).toEqual(['8']);
    expect(first.data!.childAccessHistory.pageInfo.hasNextPage).toBe(true);
    const rest = await run(HISTORY, { id: 'LB000000001', first: 5, after: first.data!.childAccessHistory.pageInfo.endCursor });
    expect(rest.data!.childAccessHistory.edges.map((e: any) => e.node.seq)).toEqual(['2', '1']);
  });

  it("is scoped like the log: other auditors see only their principals' accesses", async () => {
    const other = await run(HISTORY, { id: 'LB000000001' }, auditors.otherCounty);
    expect(other.data!.childAccessHistory.edges).toEqual([]);
    const town = await run(HISTORY, { id: 'LB000000001' }, auditors.town);
    expect(town.data!.childAccessHistory.edges.map((e: any) => e.node.seq)).toEqual(['2']);
    const officer = await run(HISTORY, { id: 'LB000000001' }, testPrincipal({ agency: 'police' }));
    expect(officer.errors![0]!.extensions!.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('validates the child id', async () => {
    const result = await run(HISTORY, { id: 'x'.repeat(65) });
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
