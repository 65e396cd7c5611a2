import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  AGENCIES,
  ADMIN_LEVELS,
  apiSchemaFromSupergraph,
  classOf,
  decide,
  explainAccess,
  fieldOwners,
  identifierKeyProblems,
  inlineFragments,
  LOOKUP_NEEDS_FULL_IDENTIFIER,
  LOOKUP_RULES,
  lookupDenial,
  lookupRuleProblems,
  ownersOf,
  planAccess,
  PURPOSES,
  type AccessContext,
  type AdminLevel,
  type Agency,
  type FieldClass,
  type Purpose,
} from '../src/index.ts';

/**
 * Lookups by identifier are no oracle: only a caller who reads the identifier in full may
 * look a record up by it, decided once (lookup-rules.ts) for the gateway's planner,
 * `accessExplain` and the subgraphs.
 */
const SUPERGRAPH = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const api = apiSchemaFromSupergraph(SUPERGRAPH);
const owners = fieldOwners(SUPERGRAPH);
const REGION: Record<AdminLevel, string> = { province: '43', city: '4310', county: '431003', town: '431003101', village: '431003101001' };
const ID_NUMBER = '11010519491231002X';

function as(agency: Agency, level: AdminLevel = 'county', purpose: Purpose = 'CASE_MANAGEMENT'): AccessContext {
  return { principal: { subject: 's', issuer: 'i', agency, level, region: REGION[level], roles: [] }, purpose };
}

const LOOKUPS: Record<string, string> = {
  'Query.childByIdNumber': `childByIdNumber(idNumber: "${ID_NUMBER}") { id }`,
  'Query.residentByIdNumber': `residentByIdNumber(idNumber: "${ID_NUMBER}") { id }`,
  'Query.healthRecordByIdNumber': `healthRecordByIdNumber(idNumber: "${ID_NUMBER}") { number }`,
  'Query.healthRecordByNumber': 'healthRecordByNumber(number: "HR431003101000000001") { number }',
  'Query.enrollmentByStudentNumber': `enrollmentByStudentNumber(studentNumber: "G${ID_NUMBER}") { id }`,
  'Query.household': 'household(number: "431003101000001") { number }',
};

describe('lookup rules', () => {
  it('cover every field of the graph that takes an identifier, and every entity key that is one', () => {
    expect(lookupRuleProblems(api)).toEqual([]);
    expect(identifierKeyProblems(SUPERGRAPH, api)).toEqual([]);
    expect(Object.keys(LOOKUPS).sort()).toEqual(Object.keys(LOOKUP_RULES).sort());
  });

  it('fail a field with an identifier argument and no rule, and a rule naming what does not exist', () => {
    const schema = buildSchema(`
      scalar IdNumber
      type Query {
        childByIdNumber(idNumber: IdNumber!): Child
        childByCaseNumber(caseNumber: String!): Child
        children(filter: ChildFilter, first: Int): [Child!]!
        region(code: ID!): Region
      }
      input ChildFilter { guardian: GuardianFilter }
      input GuardianFilter { idNumber: IdNumber }
      type Region { child(birthCertificate: IdNumber): Child }
      type Child { id: ID! idNumber: IdNumber }
    `);
    const problems = lookupRuleProblems(schema);
    expect(problems).toContain('Query.childByCaseNumber(caseNumber) looks up by an identifier with no lookup rule (schema/src/policy/lookup-rules.ts)');
    expect(problems).toContain('Query.children(filter) looks up by an identifier with no lookup rule (schema/src/policy/lookup-rules.ts)');
    expect(problems).toContain('Region.child(birthCertificate) looks up by an identifier with no lookup rule (schema/src/policy/lookup-rules.ts)');
    expect(problems).toContain('lookup-rules.ts names Query.household, which is not in the schema');
    expect(problems).toContain('lookup-rules.ts names identifier HealthRecord.number, which is not in the schema');
    expect(problems.filter((p) => p.startsWith('Query.childByIdNumber') || p.startsWith('Query.region'))).toEqual([]);
  });

  it('fail an entity key that is an identifier and has no rule', () => {
    const supergraph = `
      type Household @join__type(graph: POLICE_HOUSEHOLD, key: "number") @join__type(graph: POLICE_HOUSEHOLD, key: "id") { id: ID! number: String }
      type Child @join__type(graph: CIVIL_AFFAIRS, key: "id") { id: ID! }`;
    const problems = identifierKeyProblems(supergraph, api);
    expect(problems).toContain('Household.number is an entity key and an identifier with no lookup rule (IDENTIFIER_KEY_LOOKUPS in schema/src/policy/lookup-rules.ts)');
    expect(problems).toContain('IDENTIFIER_KEY_LOOKUPS names Child.idNumber, which is no entity key of the supergraph');
    expect(problems.some((p) => p.startsWith('Household.id '))).toBe(false);
  });

  it('allow a lookup exactly to callers who read its identifier in full (allow, not mask), for every agency, level and purpose', () => {
    let denied = 0;
    let allowed = 0;
    for (const agency of AGENCIES) {
      for (const level of ADMIN_LEVELS) {
        for (const purpose of PURPOSES) {
          const context = as(agency, level, purpose);
          for (const [coordinate, rule] of Object.entries(LOOKUP_RULES)) {
            const [typeName, fieldName] = rule.identifier.split('.') as [string, string];
            const identifier = decide(context, classOf(typeName, fieldName) as FieldClass, ownersOf(rule.identifier, owners.get(rule.identifier) ?? []));
            const denial = lookupDenial(context, coordinate, (c) => owners.get(c) ?? []);
            expect(denial, `${agency} ${level} ${purpose} ${coordinate}`).toEqual(identifier.effect === 'allow' ? undefined : { effect: 'deny', rule: LOOKUP_NEEDS_FULL_IDENTIFIER });
            if (denial) denied++;
            else allowed++;
          }
        }
      }
    }
    expect(denied).toBeGreaterThan(0);
    expect(allowed).toBeGreaterThan(0);
    // Not a lookup by identifier: nothing to say.
    expect(lookupDenial(as('justice'), 'Query.child', () => [])).toBeUndefined();
  });

  it('deny, in the plan, a lookup to a caller who reads the identifier masked; the rest of the operation runs', () => {
    const operation = inlineFragments(parse(`{ childByIdNumber(idNumber: "${ID_NUMBER}") { name } child(id: "LB000000007") { name idNumber } }`), null);
    const plan = planAccess(api, operation, as('justice'), owners);
    expect(plan.denied.map((d) => [d.path.join('.'), d.decision.rule])).toEqual([['childByIdNumber', LOOKUP_NEEDS_FULL_IDENTIFIER]]);
    expect(plan.masked.map((m) => m.coordinate)).toEqual(['Child.idNumber']);
    // Removed before planning: no subgraph is asked.
    expect(plan.operation.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : s.kind))).toEqual(['child']);
    const allowed = planAccess(api, operation, as('police'), owners);
    expect(allowed.denied).toEqual([]);
  });

  it('are what accessExplain reports, for each lookup and the callers it concerns', () => {
    const rule = (query: string, context: AccessContext) => {
      const root = explainAccess(api, owners, `{ ${query} }`, {}, context).fields[0]!;
      return `${root.effect} ${root.rule}`;
    };
    const refused = `deny ${LOOKUP_NEEDS_FULL_IDENTIFIER}`;
    const expected: Record<string, [Agency, AdminLevel, Purpose, string][]> = {
      // ID numbers: civil affairs, police, and the agencies holding them anyway (education, health).
      'Query.childByIdNumber': [
        ['civil_affairs', 'county', 'CASE_MANAGEMENT', 'allow basic-for-all-agencies'],
        ['education', 'town', 'DROPOUT_RETURN', 'allow basic-for-all-agencies'],
        ['justice', 'county', 'CASE_MANAGEMENT', refused],
        ['youth_league', 'town', 'CASE_MANAGEMENT', refused],
        ['womens_federation', 'village', 'CASE_MANAGEMENT', refused],
        ['civil_affairs', 'city', 'SUPERVISION', refused],
        ['audit', 'county', 'SUPERVISION', 'deny auditors-read-no-child-data'],
        ['police', 'county', 'STATISTICS', 'deny statistics-reads-aggregates-only'],
      ],
      'Query.residentByIdNumber': [
        ['health', 'county', 'CASE_MANAGEMENT', 'allow basic-for-all-agencies'],
        ['justice', 'county', 'CASE_MANAGEMENT', refused],
      ],
      'Query.healthRecordByIdNumber': [
        ['police', 'town', 'EMERGENCY', 'allow basic-for-all-agencies'],
        ['youth_league', 'county', 'CASE_MANAGEMENT', refused],
      ],
      // A health record number: health, civil affairs and police only.
      'Query.healthRecordByNumber': [
        ['health', 'village', 'CASE_MANAGEMENT', 'allow basic-for-all-agencies'],
        ['civil_affairs', 'county', 'ASSESSMENT', 'allow basic-for-all-agencies'],
        ['education', 'county', 'CASE_MANAGEMENT', refused],
      ],
      'Query.enrollmentByStudentNumber': [
        ['education', 'village', 'DROPOUT_RETURN', 'allow basic-for-all-agencies'],
        ['justice', 'county', 'CASE_MANAGEMENT', refused],
        ['education', 'province', 'SUPERVISION', refused],
      ],
      // A household number: police and civil affairs; education and health read it masked.
      'Query.household': [
        ['police', 'village', 'HOUSEHOLD_REGISTRATION', 'allow contact-for-core-agencies'],
        ['civil_affairs', 'county', 'CASE_MANAGEMENT', 'allow contact-for-core-agencies'],
        ['health', 'county', 'CASE_MANAGEMENT', refused],
        ['education', 'county', 'CASE_MANAGEMENT', refused],
        ['justice', 'county', 'CASE_MANAGEMENT', 'deny contact-for-core-agencies-only'],
      ],
    };
    for (const [coordinate, cases] of Object.entries(expected)) {
      for (const [agency, level, purpose, decision] of cases) expect(rule(LOOKUPS[coordinate]!, as(agency, level, purpose)), `${coordinate} ${agency} ${level} ${purpose}`).toBe(decision);
    }
  });

  it('deny the lookup under an alias and inside a fragment, wherever it is written', () => {
    const fields = explainAccess(
      api,
      owners,
      `query { a: childByIdNumber(idNumber: "${ID_NUMBER}") { id } ...F } fragment F on Query { b: residentByIdNumber(idNumber: "${ID_NUMBER}") { id } }`,
      {},
      as('womens_federation'),
    ).fields;
    expect(fields.filter((f) => f.path.length === 1).map((f) => [f.path[0], f.rule])).toEqual([
      ['a', LOOKUP_NEEDS_FULL_IDENTIFIER],
      ['b', LOOKUP_NEEDS_FULL_IDENTIFIER],
    ]);
  });
});
