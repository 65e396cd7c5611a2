import type { Principal } from '@lbc/schema';
import { sql, type Kysely } from 'kysely';
import type { HandoffsDB } from '../db-types.ts';
import { quarterInstants, rulesFor } from './finding-scope.ts';

/** A region as this subgraph knows it: its code. */
export interface RegionRef {
  code: string;
}

/** A region's data quality for a quarter, counts before release. */
export interface DataQualityView {
  quarter: string;
  byRule: RuleCount[];
}

/** Findings of one rule: found during the period, and still open of those. Counts before release (disclosure control is the resolver's). */
export interface RuleCount {
  rule: string;
  found: number;
  stillOpen: number;
}

/**
 * Findings per rule in a region (a code prefix) during a quarter, for the rules the
 * caller's agency takes part in, every such rule listed (zero included, so the shape does
 * not tell which rules had findings). One statement.
 */
export async function countFindings(db: Kysely<HandoffsDB>, principal: Principal, prefix: string, quarter: string): Promise<RuleCount[]> {
  const rules = rulesFor(principal);
  if (!rules.length) return [];
  const { from, until } = quarterInstants(quarter);
  const rows = await db
    .selectFrom('quality_finding as f')
    .select(['f.rule', sql<string>`count(*)`.as('found'), sql<string>`count(*) filter (where f.resolved_at is null)`.as('still_open')])
    .where('f.village_code', 'like', `${prefix}%`)
    .where('f.first_seen_at', '<', until)
    .where((eb) => eb.or([eb('f.resolved_at', 'is', null), eb('f.resolved_at', '>=', from)]))
    .where('f.rule', 'in', rules)
    .groupBy('f.rule')
    .execute();
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  return rules.map((rule) => ({ rule, found: Number(byRule.get(rule)?.found ?? 0), stillOpen: Number(byRule.get(rule)?.still_open ?? 0) }));
}

/**
 * The open findings per rule of many townships, for the submissions' warnings: one
 * statement for the whole batch (a county's list of towns asks for all of them at once).
 * A warning is a finding open now, so `found` and `stillOpen` are the same count.
 */
export async function openFindingsOfTowns(db: Kysely<HandoffsDB>, townCodes: readonly string[], rules: readonly string[]): Promise<(RuleCount & { town: string })[]> {
  if (!rules.length || !townCodes.length) return [];
  const rows = await db
    .selectFrom('quality_finding as f')
    .select([sql<string>`left(f.village_code, 9)`.as('town'), 'f.rule', sql<string>`count(*)`.as('open')])
    .where('f.resolved_at', 'is', null)
    .where((eb) => eb.or(townCodes.map((town) => eb('f.village_code', 'like', `${town}%`))))
    .where('f.rule', 'in', rules)
    .groupBy([sql`left(f.village_code, 9)`, 'f.rule'])
    .execute();
  return rows.map((row) => ({ town: row.town, rule: row.rule, found: Number(row.open), stillOpen: Number(row.open) }));
}
