import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { ID, insertRegistryFixtures } from './fixtures.ts';

const bed = useSubgraphTestBed(civilAffairs, { fixtures: insertRegistryFixtures, principal: testPrincipal() });
const run = bed.run;

describe('civil-affairs registry', () => {
  it('returns a child file with parents, guardian, open risk flags and staff', async () => {
    const result = await run(`{
      child(id: "LB000000002") {
        id name sex birthDate leftBehindCategory status
        residenceVillage { code name level parent { code name } }
        father { name } mother { name isAway unableToGuardReason }
        guardian { name }
        riskFlags { familyHardship guardianMissing flaggedSince }
        responsiblePerson { name role region { name } }
        protectionCases { edges { node { kind status summary lead { name } } } }
        assistance { edges { node { kind status amountYuan } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.child).toEqual({
      id: 'LB000000002',
      name: '李小红',
      sex: 'FEMALE',
      birthDate: '2014-07-08',
      leftBehindCategory: 'ONE_PARENT_AWAY_OTHER_UNABLE',
      status: 'ACTIVE',
      residenceVillage: { code: '431003101202', name: '塘溪村', level: 'VILLAGE', parent: { code: '431003101', name: '白露塘镇' } },
      father: null,
      mother: { name: '李芳', isAway: false, unableToGuardReason: '重病' },
      guardian: null,
      // The cleared GUARDIAN_MISSING flag is history, not a current flag.
      riskFlags: { familyHardship: true, guardianMissing: false, flaggedSince: '2022-01-10' },
      responsiblePerson: { name: '刘督导', role: 'VILLAGE_SUPERVISOR', region: { name: '白露塘村' } },
      protectionCases: { edges: [{ node: { kind: 'NEGLECT', status: 'OPEN', summary: '母亲重病，无人照料', lead: { name: '陈主任' } } }] },
      assistance: { edges: [{ node: { kind: 'MINIMUM_LIVING_ALLOWANCE', status: 'GRANTED', amountYuan: 450.5 } }] },
    });
  });

  it('finds a child by ID number and validates the check character', async () => {
    const found = await run(`query($n: IdNumber!) { childByIdNumber(idNumber: $n) { id } }`, { n: ID.wang });
    expect(found.data!.childByIdNumber).toEqual({ id: 'LB000000001' });

    const badCheck = await run(`query($n: IdNumber!) { childByIdNumber(idNumber: $n) { id } }`, { n: '431003201203150018' });
    expect(badCheck.data).toBeUndefined();
    expect(badCheck.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badCheck.errors![0]!.message).toContain('check character');
  });

  it('lists children of any region level with keyset pagination', async () => {
    const query = `query($code: DivisionCode, $after: String) {
      children(filter: { regionCode: $code }, first: 1, after: $after) {
        edges { cursor node { id } } pageInfo { hasNextPage endCursor }
      }
    }`;
    const first = await run(query, { code: '431003' });
    expect(first.data!.children.edges.map((e: any) => e.node.id)).toEqual(['LB000000001']);
    expect(first.data!.children.pageInfo.hasNextPage).toBe(true);
    const second = await run(query, { code: '431003', after: first.data!.children.pageInfo.endCursor });
    expect(second.data!.children.edges.map((e: any) => e.node.id)).toEqual(['LB000000002']);
    expect(second.data!.children.pageInfo).toEqual({ hasNextPage: false, endCursor: second.data!.children.edges[0].cursor });

    // A province reads records only under SUPERVISION (the subgraph applies the field rules too).
    const province = await run(query, { code: '21' }, testPrincipal({ level: 'province', region: '21' }), 'SUPERVISION');
    expect(province.data!.children.edges.map((e: any) => e.node.id)).toEqual(['LB000000003']);
  });

  it('refuses malformed division codes, page sizes and cursors with BAD_USER_INPUT', async () => {
    const badVariable = await run(`query($c: DivisionCode) { children(filter: { regionCode: $c }) { edges { cursor } } }`, { c: '43100' });
    expect(badVariable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badVariable.errors![0]!.message).toContain('expected 2, 4, 6, 9 or 12 digits');
    // A bad literal fails validation, before execution; the message still says why.
    const badLiteral = await run(`{ children(filter: { regionCode: "43100" }) { edges { cursor } } }`);
    expect(badLiteral.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(badLiteral.errors![0]!.message).toContain('expected 2, 4, 6, 9 or 12 digits');
    const tooMany = await run(`{ children(first: 501) { edges { cursor } } }`);
    expect(tooMany.errors![0]!.message).toBe('"first" must be between 1 and 500');
    const badCursor = await run(`{ children(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`);
    expect(badCursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('pages a nested history newest first', async () => {
    const query = `query($after: String) { child(id: "LB000000001") {
      homeVisits(first: 2, after: $after) { edges { node { visitedOn concernRaised visitor { id } } } pageInfo { hasNextPage endCursor } }
    } }`;
    const page1 = await run(query);
    expect(page1.data!.child.homeVisits.edges.map((e: any) => e.node.visitedOn)).toEqual(['2024-07-15', '2024-04-12']);
    const page2 = await run(query, { after: page1.data!.child.homeVisits.pageInfo.endCursor });
    expect(page2.data!.child.homeVisits.edges.map((e: any) => e.node.visitedOn)).toEqual(['2024-01-10']);
    expect(page2.data!.child.homeVisits.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves _entities in representation order: null for unknown ids, refused outside the jurisdiction, one statement per field', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Child { id name homeVisits(first: 1) { edges { node { visitedOn } } } }
      } }`,
      { reps: ['LB000000003', 'nope', 'LB000000001', 'LB000000002'].map((id) => ({ __typename: 'Child', id })) },
    );
    expect(result.data!._entities).toEqual([
      null, // lives in Fushun county: outside a Suxian officer's jurisdiction
      null, // no such child
      { id: 'LB000000001', name: '王小明', homeVisits: { edges: [{ node: { visitedOn: '2024-07-15' } }] } },
      { id: 'LB000000002', name: '李小红', homeVisits: { edges: [{ node: { visitedOn: '2024-05-01' } }] } },
    ]);
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 0], extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } })]);
    // One statement for the four children, one for the home-visit pages of the two in scope.
    expect(bed.database.statements.count).toBe(2);
  });

  it('aggregates registry counts for regions at different levels in one statement', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Region { code registryStats { activeChildren bothParentsAway oneParentAwayOtherUnable withoutEntrustedGuardian openProtectionCases onMinimumLivingAllowance familyless: guardianMissing } }
      } }`,
      { reps: ['43', '431003101201', '21', '11'].map((code) => ({ __typename: 'Region', code })) },
      // A province officer under SUPERVISION: record access, so no small-cell suppression; Hunan only.
      testPrincipal({ level: 'province', region: '43' }),
      'SUPERVISION',
    );
    // Liaoning is another province's: its counts are refused, its entity nulled.
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 2, 'registryStats'], extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } })]);
    const stats = (result.data!._entities as any[]).map((r) => r && { code: r.code, ...r.registryStats });
    expect(stats).toEqual([
      { code: '43', activeChildren: 2, bothParentsAway: 1, oneParentAwayOtherUnable: 1, withoutEntrustedGuardian: 1, openProtectionCases: 1, onMinimumLivingAllowance: 1, familyless: 0 },
      { code: '431003101201', activeChildren: 1, bothParentsAway: 1, oneParentAwayOtherUnable: 0, withoutEntrustedGuardian: 0, openProtectionCases: 0, onMinimumLivingAllowance: 0, familyless: 0 },
      null,
      // Beijing is not in the fixture hierarchy: no such region here.
      null,
    ]);
    expect(bed.database.statements.count).toBe(2);
  });

  it('walks the hierarchy down with paginated sub-regions', async () => {
    const result = await run(`{ provinces { edges { node { code name children { edges { node { code level } } } } } } }`);
    expect(result.data!.provinces.edges.map((e: any) => [e.node.code, e.node.children.edges.map((c: any) => c.node.code)])).toEqual([
      ['21', ['2104']],
      ['43', ['4310']],
    ]);
  });
});
