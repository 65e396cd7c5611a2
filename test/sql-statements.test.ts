import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The batching promise, measured end to end: a page of N children joined across four
 * subgraphs over HTTP costs the same number of SQL statements whatever N is. Each
 * subgraph's database counts every statement it receives.
 */
let hub: Hub;
let token: string;
let healthToken: string;

beforeAll(async () => {
  hub = await startHub({ children: 520, scope: ['431003'] });
  token = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431003' });
  // Immunisation histories are SENSITIVE to health: the full record is read by a health officer.
  healthToken = await hub.token({ agency: 'health', level: 'county', region: '431003' });
});
afterAll(() => hub?.stop());

async function statementsFor(query: string, first: number, as = token) {
  for (const { database } of Object.values(hub.subgraphs)) database.statements.reset();
  const { status, body } = await hub.query(as, query, { first });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.children.edges).toHaveLength(first);
  return Object.fromEntries(Object.entries(hub.subgraphs).map(([name, { database }]) => [name, database.statements.count]));
}

/** One field per agency and the hub's hand-offs, each backed by one loader: every subgraph fetch must be exactly one statement. */
const ONE_FIELD_EACH = `query($first: Int!) { children(filter: { regionCode: "431003" }, first: $first) { edges { node {
  id name
  currentEnrollment { grade }
  householdRegistrationStatus
  healthRecord { number }
  handoffs(first: 3) { edges { node { kind state } } }
} } } }`;

/** A full record: nested histories, references back into other subgraphs, derived facts. */
const FULL_RECORD = `query($first: Int!) { children(filter: { regionCode: "431003" }, first: $first) { edges { node {
  id name idNumber birthDate leftBehindCategory
  residenceVillage { name parent { name } }
  guardian { name capacity } father { name isAway } riskFlags { deFactoUnsupported }
  homeVisits(first: 2) { edges { node { visitedOn visitor { name } } } }
  currentEnrollment { grade boarding school { name region { code name } } }
  leftBehindFlag dropoutStatus pairedTeacher { name }
  attendance(first: 3) { edges { node { month unexcusedDays } } }
  householdRegistrationStatus guardianCanAct
  household { relationshipToHead household { number headName registeredAddress { name } } }
  mandatoryReports(first: 2) { edges { node { category status emergencyResponses(first: 1) { edges { node { action } } } } } }
  healthRecord { number clinic { name } }
  immunisationComplete hasSeriousCondition latestGrowthAssessment
  immunisations(first: 3) { edges { node { vaccine dose } } }
  handoffs(first: 3) { edges { node { kind state dueAt from { agency } } } }
} } } }`;

describe('SQL statements per request do not grow with the page size', () => {
  it('a page joined across all four subgraphs costs one statement per subgraph fetch, for N = 10 and N = 500', async () => {
    const small = await statementsFor(ONE_FIELD_EACH, 10);
    const large = await statementsFor(ONE_FIELD_EACH, 500);
    expect(small).toEqual({ 'civil-affairs': 1, 'education-enrollment': 1, 'police-household': 1, health: 1, handoffs: 1 });
    expect(large).toEqual(small);
  });

  it('a full record with nested histories costs the same for N = 10 and N = 500', async () => {
    const small = await statementsFor(FULL_RECORD, 10, healthToken);
    const large = await statementsFor(FULL_RECORD, 500, healthToken);
    expect(large).toEqual(small);
    // One statement per loader-backed field per subgraph fetch, pinned so an extra query at both sizes is caught:
    // civil affairs: children, residence village, its town, guardian, parents, risk flags, home visits, visitors,
    //   and the two regions fetched back for schools and household addresses (two later fetches);
    // education, police, health: likewise one per loader their fields use (see each subgraph's loaders.ts);
    // hand-offs: the page of each child's hand-offs the caller is a party to.
    expect(small).toEqual({ 'civil-affairs': 10, 'education-enrollment': 5, 'police-household': 4, health: 4, handoffs: 1 });
  });
});
