import { ACTION_RULES, decideAction, type Agency, type AdminLevel, type Purpose } from '@lbc/schema';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm docs:actions`: rewrites the README's table of who may perform each mutation from
 * the action rules themselves (schema/test/readme-actions.test.ts fails when it is stale).
 * Columns are example callers: "agency level region purpose", and "org" for staff bound to
 * one of the agency's orgs.
 */
const CALLERS = [
  'civil_affairs village 431003101001 CASE_MANAGEMENT',
  'civil_affairs village 431003101001 CASE_MANAGEMENT org',
  'civil_affairs town 431003101 CASE_MANAGEMENT',
  'civil_affairs county 431003 CASE_MANAGEMENT',
  'civil_affairs city 4310 SUPERVISION',
  'education county 431003 DROPOUT_RETURN',
  'education town 431003101 CASE_MANAGEMENT org',
  'police town 431003101 HOUSEHOLD_REGISTRATION',
  'police town 431003101 CASE_MANAGEMENT org',
  'police county 431003 EMERGENCY',
  'health county 431003 ASSESSMENT',
  'health town 431003101 CASE_MANAGEMENT org',
  'justice county 431003 CASE_MANAGEMENT',
  'youth_league county 431003 CASE_MANAGEMENT',
  'police county 431003 STATISTICS',
];

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const START = '<!-- action-examples:start -->';
const END = '<!-- action-examples:end -->';

const callers = CALLERS.map((column) => {
  const [agency, level, region, purpose, org] = column.split(' ');
  return { principal: { agency: agency as Agency, level: level as AdminLevel, region: region!, subject: 's', issuer: 'i', roles: [], ...(org ? { org: 'ORG-1' } : {}) }, purpose: purpose as Purpose };
});
const rows = Object.entries(ACTION_RULES).map(([coordinate, rule]) => {
  const cells = callers.map((caller) => decideAction(caller, coordinate).effect);
  return `| \`${coordinate.slice('Mutation.'.length)}\` | ${rule.name} | ${cells.join(' | ')} |`;
});
const table = [`| action | rule | ${CALLERS.join(' | ')} |`, `|${'---|'.repeat(CALLERS.length + 2)}`, ...rows].join('\n');
const text = readFileSync(README, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section`);
writeFileSync(README, `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`);
console.log(`README.md: ${rows.length} actions × ${CALLERS.length} callers`);
