import { DISCOVERY_RULES, QUALITY_RULES, isQuarter, quarterBounds, type Agency, type Principal, badUserInput } from '@lbc/schema';

/** The rules a caller's agency takes part in: it sees their findings, and only theirs. Org-bound staff and auditors see none. */
export function rulesFor(principal: Principal): string[] {
  if (principal.org !== undefined) return [];
  return QUALITY_RULES.filter((rule) => rule.agencies.includes(principal.agency)).map((rule) => rule.id);
}

/** A rule, as the API shows it: data-quality and discovery rules alike. */
export interface RuleView {
  id: string;
  agencies: readonly Agency[];
  owner: Agency;
  discovery: boolean;
  zh: string;
  en: string;
}

/** Every rule the hub checks, as the API shows it. */
export const RULE_VIEWS: readonly RuleView[] = [
  ...QUALITY_RULES.map((r) => ({ id: r.id, agencies: r.agencies, owner: r.owner, discovery: false, zh: r.zh, en: r.en })),
  ...DISCOVERY_RULES.map((r) => ({ id: r.id, agencies: [r.source, 'civil_affairs'] as Agency[], owner: 'civil_affairs' as Agency, discovery: true, zh: r.zh, en: r.en })),
];

/** The rule named `id`. */
export function ruleView(id: string): RuleView {
  const rule = RULE_VIEWS.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** The quarter's first instant and the instant after its last day, in China time. */
export function quarterInstants(quarter: string, argumentName = 'quarter'): { from: Date; until: Date } {
  if (!isQuarter(quarter)) throw badUserInput('quarter must look like 2024-Q3', { argumentName, inResolver: true });
  const { start, end } = quarterBounds(quarter);
  const until = new Date(`${end}T00:00:00+08:00`);
  until.setUTCDate(until.getUTCDate() + 1);
  return { from: new Date(`${start}T00:00:00+08:00`), until };
}
