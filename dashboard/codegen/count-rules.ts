import { ADMIN_LEVELS, AGENCIES, COUNTED_FACTS, PURPOSES, type Agency, type CountedFact, type Principal, type StatsType } from '@lbc/schema';
import { countsExactly } from '@lbc/subgraph-kit';

/** The agency whose subgraph releases each stats type's counts; a quality rule's counts are released as its owner's. */
export const STATS_OWNERS: Record<Exclude<StatsType, 'QualityRuleCount'>, Agency> = {
  RegistryStats: 'civil_affairs',
  SchoolRegionStats: 'education',
  HouseholdRegionStats: 'police',
  HealthRegionStats: 'health',
};
const OWNERS: readonly Agency[] = ['civil_affairs', 'education', 'police', 'health'];
const FACTS: readonly CountedFact[] = ['BASIC', 'PROTECTIVE', 'SENSITIVE'];
const REGION_OF_LEVEL = { province: '43', city: '4310', county: '431003', town: '431003101', village: '431003101001' } as const;

/**
 * The disclosure rule of every count, for the browser: which counts each kind of caller
 * (agency, level, purpose) gets exactly. Computed by the subgraphs' own `countsExactly`
 * over COUNTED_FACTS, so the dashboard labels a number "exact" or "banded" by the very
 * function that released it, without shipping the policy code (or graphql) to the page.
 * `exact["county|civil_affairs|CASE_MANAGEMENT"]` lists "FACT@owner" pairs; PUBLIC is
 * always exact. Regenerated with `pnpm dashboard:codegen`; a test fails when stale.
 */
export function countRules(): { facts: Record<string, CountedFact>; owners: Record<string, Agency>; exact: Record<string, string[]> } {
  const facts: Record<string, CountedFact> = {};
  for (const [type, fields] of Object.entries(COUNTED_FACTS)) for (const [field, fact] of Object.entries(fields)) facts[`${type}.${field}`] = fact;
  const exact: Record<string, string[]> = {};
  for (const level of ADMIN_LEVELS)
    for (const agency of AGENCIES)
      for (const purpose of PURPOSES) {
        const principal: Principal = { subject: 'rule', issuer: 'rule', agency, level, region: REGION_OF_LEVEL[level], roles: [] };
        exact[`${level}|${agency}|${purpose}`] = OWNERS.flatMap((owner) => FACTS.filter((fact) => countsExactly({ principal, purpose }, fact, owner)).map((fact) => `${fact}@${owner}`));
      }
  return { facts, owners: STATS_OWNERS, exact };
}
