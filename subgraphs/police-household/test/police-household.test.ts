import { encodeCursor } from '@lbc/subgraph-kit';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import type { ParentStatusRow } from '../src/db-types.ts';
import { policeHousehold } from '../src/index.ts';
import { guardianCanAct } from '../src/guardian-can-act.ts';
import { HOUSEHOLD, ID, insertHouseholdFixtures } from './fixtures.ts';

const bed = useSubgraphTestBed(policeHousehold, { fixtures: insertHouseholdFixtures, principal: testPrincipal({ agency: 'police' }) });
const run = bed.run;
/** The Liaoning child LB000000003 is outside the default (Suxian) officer's jurisdiction: Fushun's police see it. */
const fushunOfficer = testPrincipal({ agency: 'police', region: '210421' });
const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);

describe('police-household records', () => {
  it("returns a child's household registration, reports with responses, missing reports and parent statuses", async () => {
    const result = await run(
      `query($n: IdNumber!) { residentByIdNumber(idNumber: $n) {
        id idNumber householdRegistrationStatus guardianCanAct
        household { relationshipToHead registeredOn
          household { number headName addressDetail station registeredAddress { code } } }
        unregisteredRegistration { status }
        mandatoryReports { edges { node { reporterKind category reportedAt status details
          emergencyResponses { edges { node { respondedAt action notes } } } } } }
        missingReports { edges { node { reportedAt foundAt } } }
        parentStatuses { edges { node { parent status since endedOn } } }
      } }`,
      { n: ID.wang },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.residentByIdNumber).toEqual({
      id: 'LB000000001',
      idNumber: ID.wang,
      householdRegistrationStatus: 'REGISTERED',
      // Both parents live away: the ordinary left-behind case, not a guardian who cannot act.
      guardianCanAct: true,
      household: {
        relationshipToHead: 'GRANDSON',
        registeredOn: '2012-03-20',
        household: { number: HOUSEHOLD.wang, headName: '王建国', addressDetail: '3组12号', station: 'PS-431003101', registeredAddress: { code: '431003101201' } },
      },
      unregisteredRegistration: null,
      mandatoryReports: {
        edges: [
          { node: { reporterKind: 'CLINIC', category: 'SUSPECTED_VIOLENCE', reportedAt: '2024-07-20T09:15:00.000Z', status: 'RECEIVED', details: '身上多处淤青', emergencyResponses: { edges: [] } } },
          {
            node: {
              reporterKind: 'VILLAGE_COMMITTEE',
              category: 'LIVING_ALONE',
              reportedAt: '2024-05-10T10:00:00.000Z',
              status: 'RESPONDING',
              details: '儿童独自居住',
              emergencyResponses: { edges: [{ node: { respondedAt: '2024-05-10T11:30:00.000Z', action: 'NEW_GUARDIAN', notes: null } }] },
            },
          },
          {
            node: {
              reporterKind: 'SCHOOL',
              category: 'GUARDIAN_UNABLE',
              reportedAt: '2024-03-01T08:30:00.000Z',
              status: 'CLOSED',
              details: '祖母住院，孩子无人照料',
              emergencyResponses: {
                edges: [
                  { node: { respondedAt: '2024-03-04T15:00:00.000Z', action: 'PARENTS_RECALLED', notes: '父亲已返乡' } },
                  { node: { respondedAt: '2024-03-01T09:10:00.000Z', action: 'PLACED_WITH_RELATIVES', notes: '安置在姑姑家' } },
                ],
              },
            },
          },
        ],
      },
      missingReports: { edges: [{ node: { reportedAt: '2023-08-01T18:00:00.000Z', foundAt: '2023-08-02T07:30:00.000Z' } }] },
      parentStatuses: {
        edges: [
          { node: { parent: 'MOTHER', status: 'RESIDING_ELSEWHERE', since: '2019-02-01', endedOn: null } },
          { node: { parent: 'FATHER', status: 'RESIDING_ELSEWHERE', since: '2019-02-01', endedOn: null } },
        ],
      },
    });
    // Child, household, parent statuses, reports (their responses come along), missing reports, status history.
    expect(bed.database.statements.count).toBe(6);
  });

  it('tells a child registered after the handover, and its household members, apart from adults', async () => {
    const result = await run(
      `query($n: IdNumber!, $adult: IdNumber!) {
        child: residentByIdNumber(idNumber: $n) {
          id householdRegistrationStatus
          unregisteredRegistration { village { code } reportedOn status registeredOn }
          household { relationshipToHead household { members { edges { node { id idNumber } } } } }
        }
        adult: residentByIdNumber(idNumber: $adult) { id }
      }`,
      { n: ID.liJun, adult: ID.liMother },
    );
    // An adult's number finds no child: the answer for any number that finds none.
    expect(result.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['adult'], 'NOT_FOUND']]);
    expect(result.data).toEqual({
      child: {
        id: 'LB000000004',
        householdRegistrationStatus: 'REGISTERED_AFTER_REPORT',
        unregisteredRegistration: { village: { code: '431003101202' }, reportedOn: '2023-11-20', status: 'REGISTERED', registeredOn: '2024-02-01' },
        // Parents are residents of the household but not the hub's children.
        household: { relationshipToHead: 'SON', household: { members: { edges: [{ node: { id: 'LB000000002', idNumber: ID.li } }, { node: { id: 'LB000000004', idNumber: ID.liJun } }] } } },
      },
      adult: null,
    });
  });

  it('resolves a child without household registration by hub id only', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
        id idNumber householdRegistrationStatus household { relationshipToHead }
        unregisteredRegistration { village { code householdStats { unregisteredPending } } reportedOn status registeredOn }
        mandatoryReports { edges { node { category status child { id } } } }
      } } }`,
      { reps: [{ __typename: 'Child', id: 'LB000000003' }] },
      fushunOfficer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: 'LB000000003',
        idNumber: null,
        householdRegistrationStatus: 'UNREGISTERED_PENDING',
        household: null,
        unregisteredRegistration: { village: { code: '210421100201', householdStats: { unregisteredPending: 1 } }, reportedOn: '2024-06-01', status: 'PENDING', registeredOn: null },
        mandatoryReports: { edges: [{ node: { category: 'LIVING_ALONE', status: 'RECEIVED', child: { id: 'LB000000003' } } }] },
      },
    ]);
  });

  it('resolves _entities by hub id and by ID number mixed, in order, null for unknown (NOT_FOUND by ID number), one statement per loader', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Child { id idNumber householdRegistrationStatus }
      } }`,
      {
        reps: [
          { __typename: 'Child', id: 'LB000000005' },
          { __typename: 'Child', idNumber: ID.li },
          { __typename: 'Child', id: 'nope' },
          { __typename: 'Child', idNumber: ID.stranger },
          { __typename: 'Child', id: 'LB000000001' },
          // An adult resident is not a child of the hub.
          { __typename: 'Child', idNumber: ID.wangFather },
          { __typename: 'Child', idNumber: ID.liJun.toLowerCase() },
        ],
      },
    );
    // An unknown hub id is a plain null; an ID number that finds no child gets NOT_FOUND (the answer out of scope too).
    expect(result.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['_entities', 3], 'NOT_FOUND'],
      [['_entities', 5], 'NOT_FOUND'],
    ]);
    expect(result.data!._entities).toEqual([
      { id: 'LB000000005', idNumber: null, householdRegistrationStatus: 'UNREGISTERED_PENDING' },
      { id: 'LB000000002', idNumber: ID.li, householdRegistrationStatus: 'REGISTERED' },
      null,
      null,
      { id: 'LB000000001', idNumber: ID.wang, householdRegistrationStatus: 'REGISTERED' },
      null,
      { id: 'LB000000004', idNumber: ID.liJun, householdRegistrationStatus: 'REGISTERED_AFTER_REPORT' },
    ]);
    // One statement for the hub ids, one for the ID numbers. (Fields loaded after these would
    // batch once or twice depending on which answer arrives first on a pool, so none are asked.)
    expect(bed.database.statements.count).toBe(2);
  });

  it('derives guardianCanAct from current parent statuses only', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id guardianCanAct } } }`;
    const reps = (ids: string[]) => ({ reps: ids.map((id) => ({ __typename: 'Child', id })) });
    const result = await run(query, reps(['LB000000001', 'LB000000002', 'LB000000005', 'LB000000006']));
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: 'LB000000001', guardianCanAct: true }, // both parents away
      { id: 'LB000000002', guardianCanAct: false }, // mother serving a sentence, father away (his detention ended)
      { id: 'LB000000005', guardianCanAct: true }, // mother deceased, father at home (his detention ended)
      { id: 'LB000000006', guardianCanAct: true }, // nothing known to the police
    ]);
    // The four children in one statement, all their current parent statuses in another.
    expect(bed.database.statements.count).toBe(2);
    const fushun = await run(query, reps(['LB000000003']), fushunOfficer);
    expect(fushun.errors).toBeUndefined();
    expect(fushun.data!._entities).toEqual([{ id: 'LB000000003', guardianCanAct: false }]); // father deceased, mother missing

    const status = (parent_role: 'FATHER' | 'MOTHER', s: ParentStatusRow['status']): ParentStatusRow => ({
      id: 0,
      child_id: 'x',
      parent_role,
      status: s,
      since: '2020-01-01',
      ended_on: null,
      version: 1,
    });
    expect(guardianCanAct([status('FATHER', 'DETAINED')])).toBe(true);
    expect(guardianCanAct([status('FATHER', 'DETAINED'), status('MOTHER', 'RESIDING_ELSEWHERE')])).toBe(false);
    expect(guardianCanAct([status('MOTHER', 'MISSING'), status('MOTHER', 'RESIDING_ELSEWHERE'), status('FATHER', 'RESIDING_ELSEWHERE')])).toBe(false);
    expect(guardianCanAct([status('FATHER', 'SERVING_SENTENCE'), status('MOTHER', 'DECEASED')])).toBe(false);
  });

  it('aggregates household counts for regions at several levels in one statement', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Region { code householdStats { registeredChildren registeredAfterReport unregisteredPending
          mandatoryReportsAwaitingResponse mandatoryReportsResponding missingChildrenNotFound childrenWithParentServingSentence } }
      } }`;
    const reps = (codes: string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
    const stats = (entities: any[]) => entities.map((r) => r && { code: r.code, ...r.householdStats });
    const result = await run(query, reps(['431003', '431003101201', '431003102', '4310031']));
    // The malformed code is refused with a reason; the valid regions still answer.
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 3], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    const suxian = {
      registeredChildren: 3,
      registeredAfterReport: 1,
      unregisteredPending: 2,
      mandatoryReportsAwaitingResponse: 1,
      mandatoryReportsResponding: 1,
      missingChildrenNotFound: 1,
      childrenWithParentServingSentence: 2,
    };
    const nobody = {
      registeredChildren: 0,
      registeredAfterReport: 0,
      unregisteredPending: 0,
      mandatoryReportsAwaitingResponse: 0,
      mandatoryReportsResponding: 0,
      missingChildrenNotFound: 0,
      childrenWithParentServingSentence: 0,
    };
    expect(stats(result.data!._entities)).toEqual([
      { code: '431003', ...suxian },
      {
        code: '431003101201',
        registeredChildren: 1,
        registeredAfterReport: 0,
        unregisteredPending: 1,
        mandatoryReportsAwaitingResponse: 1,
        mandatoryReportsResponding: 1,
        missingChildrenNotFound: 0,
        childrenWithParentServingSentence: 0,
      },
      // Regions belong to civil affairs: a place with nobody registered here simply counts zero.
      { code: '431003102', ...nobody },
      // Not a division code: refused.
      null,
    ]);
    expect(bed.database.statements.count).toBe(1);

    // Provinces read their own totals; under SUPERVISION they have record access, so the counts are exact,
    // except a parent's criminal status (SENSITIVE), which a supervisor may not read on a record: banded (0 to 4: null).
    const province = (region: string) => testPrincipal({ agency: 'police', level: 'province', region });
    const hunan = await run(query, reps(['43']), province('43'), 'SUPERVISION');
    expect(hunan.errors).toBeUndefined();
    expect(stats(hunan.data!._entities)).toEqual([{ code: '43', ...suxian, childrenWithParentServingSentence: null }]);
    const liaoning = await run(query, reps(['21']), province('21'), 'SUPERVISION');
    expect(liaoning.errors).toBeUndefined();
    expect(stats(liaoning.data!._entities)).toEqual([{ code: '21', ...nobody, unregisteredPending: 1, mandatoryReportsAwaitingResponse: 1, childrenWithParentServingSentence: null }]);
  });

  it("pages a child's reports and a household's members with keyset cursors", async () => {
    const reports = `query($after: String) { _entities(representations: [{ __typename: "Child", id: "LB000000001" }]) { ... on Child {
      mandatoryReports(first: 2, after: $after) { edges { node { id category } } pageInfo { hasNextPage endCursor } } } } }`;
    const page1 = await run(reports);
    const first = page1.data!._entities[0].mandatoryReports;
    expect(first.edges.map((e: any) => e.node.category)).toEqual(['SUSPECTED_VIOLENCE', 'LIVING_ALONE']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(reports, { after: first.pageInfo.endCursor });
    const second = page2.data!._entities[0].mandatoryReports;
    expect(second.edges.map((e: any) => e.node.category)).toEqual(['GUARDIAN_UNABLE']);
    expect(second.pageInfo.hasNextPage).toBe(false);

    // A first page comes with its report; a later page is fetched.
    const responses = `query($after: String) { _entities(representations: [{ __typename: "Child", id: "LB000000001" }]) { ... on Child {
      mandatoryReports(first: 1, after: "${first.pageInfo.endCursor}") { edges { node {
        emergencyResponses(first: 1, after: $after) { edges { node { action } } pageInfo { hasNextPage endCursor } } } } } } } }`;
    const r1 = await run(responses);
    const firstResponses = r1.data!._entities[0].mandatoryReports.edges[0].node.emergencyResponses;
    expect(firstResponses.edges.map((e: any) => e.node.action)).toEqual(['PARENTS_RECALLED']);
    expect(firstResponses.pageInfo.hasNextPage).toBe(true);
    bed.database.statements.reset();
    const r2 = await run(responses, { after: firstResponses.pageInfo.endCursor });
    const secondResponses = r2.data!._entities[0].mandatoryReports.edges[0].node.emergencyResponses;
    expect(secondResponses.edges.map((e: any) => e.node.action)).toEqual(['PLACED_WITH_RELATIVES']);
    expect(secondResponses.pageInfo.hasNextPage).toBe(false);
    expect(bed.database.statements.count).toBe(3);

    const members = `query($after: String) { household(number: "${HOUSEHOLD.li}") { members(first: 1, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const m1 = await run(members);
    expect(ids(m1.data!.household.members)).toEqual(['LB000000002']);
    expect(m1.data!.household.members.pageInfo.hasNextPage).toBe(true);
    const m2 = await run(members, { after: m1.data!.household.members.pageInfo.endCursor });
    expect(ids(m2.data!.household.members)).toEqual(['LB000000004']);
    expect(m2.data!.household.members.pageInfo).toEqual({ hasNextPage: false, endCursor: m2.data!.household.members.edges[0].cursor });
  });

  it('lists mandatory reports of a place newest first, by status, across pages', async () => {
    const query = `query($code: DivisionCode!, $status: MandatoryReportStatus, $after: String) {
      mandatoryReports(regionCode: $code, status: $status, first: 2, after: $after) {
        edges { node { reportedAt status child { id } } } pageInfo { hasNextPage endCursor }
      } }`;
    const page1 = await run(query, { code: '431003' });
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.mandatoryReports.edges.map((e: any) => [e.node.reportedAt, e.node.child.id])).toEqual([
      ['2024-07-20T09:15:00.000Z', 'LB000000001'],
      ['2024-05-10T10:00:00.000Z', 'LB000000001'],
    ]);
    expect(page1.data!.mandatoryReports.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(query, { code: '431003', after: page1.data!.mandatoryReports.pageInfo.endCursor });
    expect(page2.data!.mandatoryReports.edges.map((e: any) => e.node.reportedAt)).toEqual(['2024-03-01T08:30:00.000Z']);
    expect(page2.data!.mandatoryReports.pageInfo.hasNextPage).toBe(false);

    const received = await run(query, { code: '43', status: 'RECEIVED' });
    expect(received.data!.mandatoryReports.edges.map((e: any) => e.node.child.id)).toEqual(['LB000000001']);
    // Fushun's officer asks for the whole province: the list is clamped to the county.
    const liaoning = await run(query, { code: '21' }, fushunOfficer);
    expect(liaoning.data!.mandatoryReports.edges.map((e: any) => [e.node.status, e.node.child.id])).toEqual([['RECEIVED', 'LB000000003']]);
  });

  it('lists children still waiting for household registration, by village then id', async () => {
    const query = `query($code: DivisionCode!, $after: String) { unregisteredChildren(regionCode: $code, first: 1, after: $after) {
      edges { node { id householdRegistrationStatus } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = await run(query, { code: '431003' });
    expect(page1.data!.unregisteredChildren.edges.map((e: any) => e.node)).toEqual([{ id: 'LB000000006', householdRegistrationStatus: 'UNREGISTERED_PENDING' }]);
    expect(page1.data!.unregisteredChildren.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(query, { code: '431003', after: page1.data!.unregisteredChildren.pageInfo.endCursor });
    // LB000000004 was handed over in the same village but is registered now.
    expect(ids(page2.data!.unregisteredChildren)).toEqual(['LB000000005']);
    expect(page2.data!.unregisteredChildren.pageInfo.hasNextPage).toBe(false);
    const fushun = await run(query, { code: '210421100' }, fushunOfficer);
    expect(ids(fushun.data!.unregisteredChildren)).toEqual(['LB000000003']);
  });

  it('refuses malformed ID numbers, page sizes and cursors with BAD_USER_INPUT', async () => {
    const wrongCheck = ID.wang.slice(0, 17) + (ID.wang[17] === '0' ? '1' : '0');
    const badCheck = await run(`query($n: IdNumber!) { residentByIdNumber(idNumber: $n) { id } }`, { n: wrongCheck });
    expect(badCheck.data).toBeUndefined();
    expect(badCheck.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badCheck.errors![0]!.message).toContain('check character');

    const tooMany = await run(`{ residentByIdNumber(idNumber: "${ID.wang}") { mandatoryReports(first: 501) { edges { cursor } } } }`);
    expect(tooMany.errors![0]!.message).toBe('"first" must be between 1 and 500');
    expect(tooMany.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const tooManyRoot = await run(`{ mandatoryReports(regionCode: "43", first: 501) { edges { cursor } } }`);
    expect(tooManyRoot.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });

    const notACursor = await run(`{ mandatoryReports(regionCode: "43", after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`);
    expect(notACursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    // Right shape, wrong types: refused before it reaches SQL as a bad cast.
    const forged = await run(`query($after: String) { mandatoryReports(regionCode: "43", after: $after) { edges { cursor } } }`, { after: encodeCursor(['yesterday', 'x']) });
    expect(forged.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const nestedCursor = await run(`{ household(number: "${HOUSEHOLD.li}") { members(after: "bm90LWEtY3Vyc29y") { edges { cursor } } } }`);
    expect(nestedCursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });
});
