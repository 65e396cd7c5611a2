import { readFileSync } from 'node:fs';
import { GraphQLError, isObjectType, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  apiSchemaFromSupergraph,
  classificationProblems,
  decide,
  explainAccess,
  fieldOwners,
  inlineFragments,
  planAccess,
  type AccessContext,
  type Agency,
  type ExplainedField,
} from '../src/index.ts';

/**
 * The operation planner on the real supergraph: what the gateway decides before planning,
 * and what `accessExplain` reports, are the same pure function of the schema, the policy,
 * the operation with its variables, and the caller.
 */
const SUPERGRAPH = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const api = apiSchemaFromSupergraph(SUPERGRAPH);
const owners = fieldOwners(SUPERGRAPH);
const NOW = 1_730_000_000;
const CHILD = 'LB000000007';
const SIBLING = 'LB000000008';
const JUSTIFICATION = 'child found alone at home, guardian unreachable since Friday';

function as(agency: Agency, extra: Partial<AccessContext> = {}, level: 'county' | 'city' = 'county'): AccessContext {
  return {
    principal: { subject: 's', issuer: 'i', agency, level, region: level === 'county' ? '431003' : '4310', roles: [], authenticatedAt: NOW - 60 },
    purpose: 'ASSESSMENT',
    now: NOW,
    ...extra,
  };
}
const openCase = { case: { id: '42', childId: CHILD } };

const explain = (query: string, context: AccessContext, variables: Record<string, unknown> = {}, operationName?: string) =>
  explainAccess(api, owners, query, { operationName, variables }, context).fields;
const at = (fields: ExplainedField[], path: string) => fields.find((f) => f.path.join('.') === path);
const decisionAt = (fields: ExplainedField[], path: string) => {
  const field = at(fields, path);
  return field ? `${field.effect} ${field.rule}` : 'absent';
};

describe('API schema from the supergraph SDL', () => {
  it('is the graph callers see: no join or link machinery, nothing @inaccessible', () => {
    expect(api.getQueryType()!.getFields()['child']).toBeDefined();
    expect(api.getQueryType()!.getFields()['_caseForAccessCheck']).toBeUndefined();
    expect(api.getType('_CaseAccessCheck')).toBeUndefined();
    expect(Object.keys(api.getTypeMap()).filter((name) => name.startsWith('join__') || name.startsWith('link__'))).toEqual([]);
    expect(
      api
        .getDirectives()
        .map((d) => d.name)
        .sort(),
    ).toEqual(['deprecated', 'include', 'oneOf', 'skip', 'specifiedBy']);
  });

  it('is fully classified (what composition checks)', () => {
    expect(classificationProblems(api)).toEqual([]);
  });

  it('reads field owners from the join directives', () => {
    expect(owners.get('Child.disability')).toEqual(['health']);
    expect(owners.get('Child.name')).toEqual(['civil_affairs']);
    expect(isObjectType(api.getType('Child'))).toBe(true);
  });
});

describe('explainAccess', () => {
  it('lists every field in document order with its class, effect and rule', () => {
    const fields = explain(`query($id: ID!) { child(id: $id) { __typename name idNumber guardian { phone } disability { grade } } }`, as('justice', { purpose: 'CASE_MANAGEMENT' }), { id: CHILD });
    expect(fields).toEqual([
      { path: ['child'], coordinate: 'Query.child', fieldClass: 'BASIC', effect: 'allow', rule: 'basic-for-all-agencies' },
      { path: ['child', '__typename'], coordinate: 'Child.__typename', fieldClass: 'META', effect: 'allow', rule: 'metadata' },
      { path: ['child', 'name'], coordinate: 'Child.name', fieldClass: 'BASIC', effect: 'allow', rule: 'basic-for-all-agencies' },
      { path: ['child', 'idNumber'], coordinate: 'Child.idNumber', fieldClass: 'IDENTIFIER', effect: 'mask', rule: 'identifier-masked-for-other-agencies' },
      { path: ['child', 'guardian'], coordinate: 'Child.guardian', fieldClass: 'CONTACT', effect: 'deny', rule: 'contact-for-core-agencies-only' },
      { path: ['child', 'guardian', 'phone'], coordinate: 'EntrustedGuardian.phone', fieldClass: 'CONTACT', effect: 'deny', rule: 'enclosing-field-denied' },
      { path: ['child', 'disability'], coordinate: 'Child.disability', fieldClass: 'SENSITIVE', effect: 'deny', rule: 'sensitive-for-owner-or-open-case-only' },
      { path: ['child', 'disability', 'grade'], coordinate: 'DisabilityAssessment.grade', fieldClass: 'SENSITIVE', effect: 'deny', rule: 'enclosing-field-denied' },
    ]);
  });

  it('sees through aliases, named and inline fragments, and evaluates @skip/@include with the variables', () => {
    const query = `query Q($full: Boolean!) {
      child(id: "${CHILD}") { ...Basic ... on Child @include(if: $full) { father { phone } } private: disability @skip(if: $full) { grade } }
    }
    fragment Basic on Child { name guardian @include(if: $full) { phone } }`;
    const brief = explain(query, as('youth_league', { purpose: 'CASE_MANAGEMENT' }), { full: false }, 'Q');
    expect(brief.map((f) => f.path.join('.'))).toEqual(['child', 'child.name', 'child.private', 'child.private.grade']);
    expect(decisionAt(brief, 'child.private')).toBe('deny sensitive-for-owner-or-open-case-only');
    const full = explain(query, as('youth_league', { purpose: 'CASE_MANAGEMENT' }), { full: true }, 'Q');
    expect(full.map((f) => f.path.join('.'))).toEqual(['child', 'child.name', 'child.guardian', 'child.guardian.phone', 'child.father', 'child.father.phone']);
  });

  it('refuses a query that does not parse or validate, or names no operation it has, with BAD_USER_INPUT', () => {
    const cases: [string, RegExp, string?][] = [
      ['{ child(id: "1") { name ', /does not parse/],
      ['{ child(id: "1") { shoeSize } }', /not valid against the graph: Cannot query field "shoeSize"/],
      ['{ _caseForAccessCheck(id: "1") { childId } }', /Cannot query field "_caseForAccessCheck"/],
      ['query A { provinces { edges { node { name } } } } query B { provinces { edges { node { code } } } }', /several operations/],
      ['query A { provinces { edges { node { name } } } }', /unknown operation "B"/, 'B'],
    ];
    for (const [query, message, operationName] of cases) {
      let thrown: unknown;
      try {
        explain(query, as('police'), {}, operationName);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, query).toBeInstanceOf(GraphQLError);
      expect((thrown as GraphQLError).extensions.code, query).toBe('BAD_USER_INPUT');
      expect((thrown as GraphQLError).message, query).toMatch(message);
    }
  });

  it('bounds the size of the query it parses', () => {
    const huge = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(() => explain(huge, as('police'))).toThrow(/does not parse/);
  });
});

describe('a protection case opens SENSITIVE fields of its own child only', () => {
  const record = `
    disability { grade }
    household { household { members { edges { node { id disability { grade } } } } } }`;

  it('reached by child(id:) with the case child id, literally or through a variable', () => {
    for (const [query, variables] of [
      [`{ child(id: "${CHILD}") { ${record} } }`, {}],
      [`query($id: ID!) { child(id: $id) { ${record} } }`, { id: CHILD }],
    ] as const) {
      const fields = explain(query, as('police', openCase), variables);
      expect(decisionAt(fields, 'child.disability'), query).toBe('allow sensitive-with-open-case');
      expect(decisionAt(fields, 'child.disability.grade'), query).toBe('allow sensitive-with-open-case');
      // A sibling reached through the household is another child, even under the case child.
      expect(decisionAt(fields, 'child.household.household.members.edges.node.disability'), query).toBe('deny sensitive-case-is-for-another-child');
    }
  });

  it('denied for another child, under an alias beside the case child, and in lists', () => {
    const fields = explain(
      `{ mine: child(id: "${CHILD}") { disability { grade } } other: child(id: "${SIBLING}") { disability { grade } }
         children(first: 5) { edges { node { disability { grade } } } } }`,
      as('civil_affairs', { ...openCase, purpose: 'EMERGENCY' }),
    );
    expect(decisionAt(fields, 'mine.disability')).toBe('allow sensitive-with-open-case');
    expect(decisionAt(fields, 'other.disability')).toBe('deny sensitive-case-is-for-another-child');
    expect(decisionAt(fields, 'children.edges.node.disability')).toBe('deny sensitive-case-is-for-another-child');
  });

  it('denied, with a rule that says so, when the case was not verified open', () => {
    const fields = explain(`{ child(id: "${CHILD}") { disability { grade } } }`, as('police', { case: { id: '42' } }));
    expect(decisionAt(fields, 'child.disability')).toBe('deny case-not-open-or-not-found');
  });

  it('planAccess removes exactly the denied fields from the executed operation', () => {
    const operation = inlineFragments(parse(`{ child(id: "${CHILD}") { ${record} } }`), null);
    const plan = planAccess(api, operation, as('police', openCase), owners);
    expect(plan.denied.map((d) => d.path.join('.'))).toEqual(['child.household.household.members.edges.node.disability']);
    expect(plan.breakGlass).toBe(false);
  });
});

describe('break-glass opens one child looked up directly, for a recent sign-in', () => {
  const emergency = (extra: Partial<AccessContext> = {}) => as('police', { purpose: 'EMERGENCY', justification: JUSTIFICATION, ...extra });

  it('through child(id:), childByIdNumber or residentByIdNumber, flagged', () => {
    for (const root of [`child(id: "${CHILD}")`, 'childByIdNumber(idNumber: "11010519491231002X")', 'residentByIdNumber(idNumber: "11010519491231002X")']) {
      const name = root.slice(0, root.indexOf('('));
      const fields = explain(`{ ${root} { disability { grade } } }`, emergency());
      expect(decisionAt(fields, `${name}.disability`), root).toBe('allow sensitive-break-glass');
    }
    const operation = inlineFragments(parse(`{ child(id: "${CHILD}") { disability { grade } } }`), null);
    expect(planAccess(api, operation, emergency(), owners).breakGlass).toBe(true);
  });

  it('not through a list, a hop to another child, or a record reached another way', () => {
    const fields = explain(
      `{ children(first: 5) { edges { node { disability { grade } } } }
         child(id: "${CHILD}") { household { household { members { edges { node { disability { grade } } } } } } }
         healthRecordByIdNumber(idNumber: "11010519491231002X") { child { disability { grade } } } }`,
      emergency(),
    );
    expect(decisionAt(fields, 'children.edges.node.disability')).toBe('deny break-glass-for-one-child-looked-up-directly');
    expect(decisionAt(fields, 'child.household.household.members.edges.node.disability')).toBe('deny break-glass-for-one-child-looked-up-directly');
    expect(decisionAt(fields, 'healthRecordByIdNumber.child.disability')).toBe('deny break-glass-for-one-child-looked-up-directly');
  });

  it('for one child per operation: two lookups naming different children open neither', () => {
    const plan = (query: string, variables: Record<string, unknown> = {}) => planAccess(api, inlineFragments(parse(query), null), emergency(), owners, variables);
    const two = explain(
      `{ a: child(id: "${CHILD}") { mentalHealthScreenings { edges { node { risk } } } }
         b: child(id: "${SIBLING}") { counsellingSessions { edges { node { notes } } } } }`,
      emergency(),
    );
    expect(decisionAt(two, 'a.mentalHealthScreenings')).toBe('deny break-glass-for-one-child-per-request');
    expect(decisionAt(two, 'b.counsellingSessions')).toBe('deny break-glass-for-one-child-per-request');
    const denied = plan(`{ a: child(id: "${CHILD}") { disability { grade } } b: child(id: $other) { disability { grade } } }`.replace('{', 'query ($other: ID!) {'), { other: SIBLING });
    expect(denied.breakGlass).toBe(false);
    expect(denied.denied.map((f) => `${f.path.join('.')} ${f.decision.rule}`).sort()).toEqual([
      'a.disability break-glass-for-one-child-per-request',
      'b.disability break-glass-for-one-child-per-request',
    ]);
    // Removed before planning: no subgraph is asked for either.
    expect(print(denied.operation)).not.toContain('disability');
  });

  it('for one child per operation: lookups of different kinds cannot be told apart, so they are denied', () => {
    const mixed = explain(`{ a: child(id: "${CHILD}") { disability { grade } } b: childByIdNumber(idNumber: "11010519491231002X") { disability { grade } } }`, emergency());
    expect(decisionAt(mixed, 'a.disability')).toBe('deny break-glass-for-one-child-per-request');
    expect(decisionAt(mixed, 'b.disability')).toBe('deny break-glass-for-one-child-per-request');
    const ids = explain(`{ a: childByIdNumber(idNumber: "11010519491231002X") { disability { grade } } b: residentByIdNumber(idNumber: "11010519491231002X") { disability { grade } } }`, emergency());
    expect(decisionAt(ids, 'b.disability')).toBe('deny break-glass-for-one-child-per-request');
  });

  it('for one child per operation: the same child through several aliases, literally or by variable, is one child', () => {
    const query = `query ($id: ID!) { a: child(id: "${CHILD}") { disability { grade } } b: child(id: $id) { mentalHealthScreenings { edges { node { risk } } } } }`;
    const fields = explain(query, emergency(), { id: CHILD });
    expect(decisionAt(fields, 'a.disability')).toBe('allow sensitive-break-glass');
    expect(decisionAt(fields, 'b.mentalHealthScreenings')).toBe('allow sensitive-break-glass');
    const plan = planAccess(api, inlineFragments(parse(query), null), emergency(), owners, { id: CHILD });
    expect(plan.breakGlass).toBe(true);
    expect(plan.breakGlassChild).toBe(CHILD);
    const byIdNumber = explain(
      `{ a: childByIdNumber(idNumber: "11010519491231002X") { disability { grade } } b: childByIdNumber(idNumber: "11010519491231002X") { mentalHealthScreenings { edges { node { risk } } } } }`,
      emergency(),
    );
    expect(decisionAt(byIdNumber, 'b.mentalHealthScreenings')).toBe('allow sensitive-break-glass');
    // Known by ID number only: no hub id for the subgraph tokens to carry.
    expect(planAccess(api, inlineFragments(parse('{ childByIdNumber(idNumber: "11010519491231002X") { disability { grade } } }'), null), emergency(), owners).breakGlassChild).toBeUndefined();
  });

  it('for one child per operation: another child read without break-glass does not count', () => {
    const fields = explain(`{ a: child(id: "${CHILD}") { name disability { grade } } b: child(id: "${SIBLING}") { name } }`, emergency());
    expect(decisionAt(fields, 'a.disability')).toBe('allow sensitive-break-glass');
    expect(decisionAt(fields, 'b.name')).toBe('allow basic-for-all-agencies');
  });

  it('a subgraph told the break-glass child denies any other child', () => {
    const told = emergency({ breakGlassChild: CHILD });
    expect(decide(told, 'SENSITIVE', ['health'], { childId: CHILD, singleChild: true })).toMatchObject({ effect: 'allow', breakGlass: true });
    expect(decide(told, 'SENSITIVE', ['health'], { childId: SIBLING, singleChild: true })).toEqual({ effect: 'deny', rule: 'break-glass-for-one-child-per-request' });
    expect(decide(told, 'SENSITIVE', ['health'], { singleChild: true })).toEqual({ effect: 'deny', rule: 'break-glass-for-one-child-per-request' });
  });

  it('not for a caller who signed in more than 15 minutes ago', () => {
    const stale = emergency({ principal: { ...emergency().principal, authenticatedAt: NOW - 16 * 60 } });
    expect(decisionAt(explain(`{ child(id: "${CHILD}") { disability { grade } } }`, stale), 'child.disability')).toBe('deny break-glass-needs-sign-in-within-15-minutes');
  });
});
