import type { GraphQLSchema } from 'graphql';
import type { AdminLevel } from '../identifiers/division-code.ts';
import type { Agency } from '../principal.ts';
import type { AccessContext, Decision } from './decide.ts';
import { PURPOSES, type Purpose } from './field-class.ts';

/**
 * Who may perform one mutation: the agencies, at which administrative levels, for which
 * purposes, and whether staff bound to an org (a school, a police station, a clinic, a
 * village committee) may too. Rows a mutation writes are further limited by jurisdiction,
 * in SQL, by the subgraph that writes them.
 */
export interface ActionRule {
  /** The rule's name: what a refusal, `accessExplain` and the audit say. */
  name: string;
  agencies: readonly Agency[];
  levels: readonly AdminLevel[];
  purposes: readonly Purpose[];
  /** Whether org-bound staff may perform it, beside the agency's officers. */
  orgBound: boolean;
}

const ALL_LEVELS: readonly AdminLevel[] = ['province', 'city', 'county', 'town', 'village'];
/** The agencies that own facts in the graph, and so receive notices about reads of them. */
const DATA_OWNERS: readonly Agency[] = ['civil_affairs', 'education', 'police', 'health'];

/**
 * THE action rules, one per mutation of the supergraph, by `Mutation.field`. A mutation
 * without a rule does not compose (actionRuleProblems), and one that is here is refused to
 * everyone it does not name: default deny, for actions as for reads.
 */
export const ACTION_RULES: Record<string, ActionRule> = {
  // Notices go to the officers of the agency whose facts were read; acknowledging is case or
  // supervision work, never statistics. Which notices a caller may acknowledge is the audit
  // subgraph's row rule (the owner agency, at or above the reader's region).
  'Mutation.acknowledgeAccessNotice': {
    name: 'owner-agency-acknowledges-its-notices',
    agencies: DATA_OWNERS,
    levels: ALL_LEVELS,
    purposes: PURPOSES.filter((p) => p !== 'STATISTICS'),
    orgBound: true,
  },
};

/**
 * Whether the caller may perform the mutation `coordinate` (`Mutation.field`) for the
 * request's purpose: allow with the rule's name, or deny naming what is missing (no rule,
 * the agency, the level, the purpose, an org-bound caller).
 */
export function decideAction(context: Pick<AccessContext, 'principal' | 'purpose'>, coordinate: string): Decision {
  const rule = ACTION_RULES[coordinate];
  if (!rule) return { effect: 'deny', rule: 'no-action-rule' };
  const { principal, purpose } = context;
  if (!rule.agencies.includes(principal.agency)) return { effect: 'deny', rule: `${rule.name}:agency` };
  if (!rule.levels.includes(principal.level)) return { effect: 'deny', rule: `${rule.name}:level` };
  if (!rule.purposes.includes(purpose)) return { effect: 'deny', rule: `${rule.name}:purpose` };
  if (principal.org !== undefined && !rule.orgBound) return { effect: 'deny', rule: `${rule.name}:org-bound` };
  return { effect: 'allow', rule: rule.name };
}

/** Mutations of `schema` without an action rule, and rules for mutations it does not have: each stops composition. */
export function actionRuleProblems(schema: GraphQLSchema): string[] {
  const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).map((field) => `Mutation.${field}`);
  return [
    ...mutations.filter((m) => !ACTION_RULES[m]).map((m) => `${m} has no action rule (schema/src/policy/action-rules.ts)`),
    ...Object.keys(ACTION_RULES)
      .filter((m) => !mutations.includes(m))
      .map((m) => `${m} has an action rule but no such mutation`),
  ];
}
