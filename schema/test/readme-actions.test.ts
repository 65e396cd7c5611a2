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
    const header = lines[0]!
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    const actions = header.slice(3).map((c) => `Mutation.${c.replace(/`/g, '')}`);
    expect([...actions].sort()).toEqual(Object.keys(ACTION_RULES).sort());
    const rows = lines.slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      const [agency, place, purpose, ...cells] = row
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean);
      const [level, region] = place!.split(' ');
      const principal = { agency: agency as Agency, level: level as AdminLevel, region: region!, subject: 's', issuer: 'i', roles: [] };
      cells.forEach((cell, i) => expect(cell, `${row} ${actions[i]}`).toBe(decideAction({ principal, purpose: purpose as Purpose }, actions[i]!).effect));
    }
  });

  it('every mutation of the supergraph has a rule, and every rule a mutation', () => {
    expect(actionRuleProblems(apiSchemaFromSupergraph(SUPERGRAPH))).toEqual([]);
    expect(actionRuleProblems(buildSchema('type Query { a: Int } type Mutation { acknowledgeAccessNotice(id: ID!): Int, deleteEverything: Int }'))).toEqual([
      'Mutation.deleteEverything has no action rule (schema/src/policy/action-rules.ts)',
    ]);
    expect(actionRuleProblems(buildSchema('type Query { a: Int }'))).toEqual(['Mutation.acknowledgeAccessNotice has an action rule but no such mutation']);
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
