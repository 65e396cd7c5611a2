import { buildSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_RULES, actionRuleProblems, apiSchemaFromSupergraph, decideAction, fieldOwners, inlineFragments, planAccess, type Agency, type AdminLevel, type Purpose } from '../src/index.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SUPERGRAPH = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');

/** The README's table of actions per agency and level, read back and checked against the rules. */
describe('action rules', () => {
  it('the README table says what decideAction decides, for every mutation', () => {
    const section = README.slice(README.indexOf('<!-- action-examples:start -->'), README.indexOf('<!-- action-examples:end -->'));
    const lines = section.split('\n').filter((l) => l.startsWith('|'));
    const cellsOf = (line: string) =>
      line
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean);
    // Columns are callers: "agency level region purpose", and "org" for staff bound to one of the agency's orgs.
    const callers = cellsOf(lines[0]!)
      .slice(2)
      .map((column) => {
        const [agency, level, region, purpose, org] = column.split(' ');
        return {
          principal: { agency: agency as Agency, level: level as AdminLevel, region: region!, subject: 's', issuer: 'i', roles: [], ...(org ? { org: 'ORG-1' } : {}) },
          purpose: purpose as Purpose,
        };
      });
    expect(callers.length).toBeGreaterThanOrEqual(10);
    const rows = lines.slice(2).map(cellsOf);
    expect(rows.map((r) => `Mutation.${r[0]!.replace(/`/g, '')}`).sort()).toEqual(Object.keys(ACTION_RULES).sort());
    for (const [name, rule, ...cells] of rows) {
      const action = `Mutation.${name!.replace(/`/g, '')}`;
      expect(rule, action).toBe(ACTION_RULES[action]!.name);
      cells.forEach((cell, i) => expect(cell, `${action} ${JSON.stringify(callers[i])}`).toBe(decideAction(callers[i]!, action).effect));
    }
  });

  it('every mutation of the supergraph has a rule, and every rule a mutation', () => {
    expect(actionRuleProblems(apiSchemaFromSupergraph(SUPERGRAPH))).toEqual([]);
    const ruled = Object.keys(ACTION_RULES).map((m) => `${m.slice('Mutation.'.length)}: Int`);
    expect(actionRuleProblems(buildSchema(`type Query { a: Int } type Mutation { ${ruled.join(', ')}, deleteEverything: Int }`))).toEqual([
      'Mutation.deleteEverything has no action rule (schema/src/policy/action-rules.ts)',
    ]);
    expect(actionRuleProblems(buildSchema(`type Query { a: Int } type Mutation { ${ruled.filter((m) => !m.startsWith('recordHomeVisit')).join(', ')} }`))).toEqual([
      'Mutation.recordHomeVisit has an action rule but no such mutation',
    ]);
  });

  it('the planner (and so accessExplain) denies a refused action with its rule', () => {
    const api = apiSchemaFromSupergraph(SUPERGRAPH);
    const operation = inlineFragments(parse('mutation { acknowledgeAccessNotice(id: "1") { id } }'), null);
    const justice = { agency: 'justice' as Agency, level: 'county' as AdminLevel, region: '431003', subject: 's', issuer: 'i', roles: [] };
    const plan = planAccess(api, operation, { principal: justice, purpose: 'CASE_MANAGEMENT' }, fieldOwners(SUPERGRAPH), {});
    expect(plan.denied.map((d) => [d.coordinate, d.decision.rule])).toEqual([['Mutation.acknowledgeAccessNotice', 'owner-agency-acknowledges-its-notices:agency']]);
    const health = { ...justice, agency: 'health' as Agency };
    expect(planAccess(api, operation, { principal: health, purpose: 'CASE_MANAGEMENT' }, fieldOwners(SUPERGRAPH), {}).denied).toEqual([]);
  });
});
