import { badUserInput, type Agency, type Principal } from '@lbc/schema';
import { pageWindow, regionWithinScope, toConnection, type Connection, type PageArgs, type Scope } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HandoffsDB, QualityFindingRow } from '../db-types.ts';
import { quarterInstants, rulesFor } from './finding-scope.ts';

export interface FindingArgs extends PageArgs {
  regionCode: string;
  quarter: string;
  rule?: string | null;
  owner?: Agency | null;
}

/**
 * The findings in a region during a quarter (seen at some time in it), oldest first, of the
 * rules the caller's agency takes part in. One statement over the place index.
 */
export async function listFindings(db: Kysely<HandoffsDB>, principal: Principal, scope: Scope, args: FindingArgs): Promise<Connection<QualityFindingRow>> {
  const window = pageWindow(args, 2);
  // The region asked for where it lies in the caller's; the caller's own where it asked for one above.
  const prefix = regionWithinScope(scope, args.regionCode);
  const { from, until } = quarterInstants(args.quarter);
  const rules = rulesFor(principal);
  if (args.rule && !rules.includes(args.rule)) {
    if (!/^[A-Z_]{1,60}$/.test(args.rule)) throw badUserInput('rule must be a rule id (see qualityRules)', { argumentName: 'rule', inResolver: true });
    return toConnection([], window.first, () => []);
  }
  const visible = args.rule ? [args.rule] : rules;
  if (!visible.length) return toConnection([], window.first, () => []);
  let query = db
    .selectFrom('quality_finding as f')
    .selectAll('f')
    .where('f.village_code', 'like', `${prefix}%`)
    .where('f.first_seen_at', '<', until)
    .where((eb) => eb.or([eb('f.resolved_at', 'is', null), eb('f.resolved_at', '>=', from)]))
    .where('f.rule', 'in', visible);
  if (args.owner) query = query.where('f.owner_agency', '=', args.owner);
  if (window.after) query = query.where(sql<boolean>`(f.first_seen_at, f.id) > (${window.after[0]}::timestamptz, ${window.after[1]}::bigint)`);
  const rows = await query
    .orderBy('f.first_seen_at')
    .orderBy('f.id')
    .limit(window.first + 1)
    .execute();
  return toConnection(rows, window.first, (row) => [row.first_seen_at.toISOString(), row.id]);
}
