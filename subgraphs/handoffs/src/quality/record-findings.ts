import { DISCOVERY_RULES, QUALITY_RULES, type Agency } from '@lbc/schema';
import { WriteTransaction } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HandoffsDB } from '../db-types.ts';
import { discoveryHandoffs, type Discovery } from './discovery-handoffs.ts';

/** What one check of a township found: the rules each child violates, and the children to discover. */
export interface TownCheck {
  townCode: string;
  checkedAt: Date;
  findings: readonly { childId: string; rule: string; villageCode: string }[];
  discoveries: readonly Discovery[];
  /** The request this check answers (as `qualityRequests` gave it), cleared only if no newer one came. */
  answersRequestOf?: Date | null | undefined;
}

/** What recording a check changed. */
export interface TownCheckResult {
  opened: number;
  resolved: number;
  open: number;
  discovered: number;
}

const OWNER = new Map<string, Agency>(QUALITY_RULES.map((rule) => [rule.id, rule.owner]));
const DISCOVERY_IDS = new Set(DISCOVERY_RULES.map((rule) => rule.id));

/** The problem with a check as the hub's worker sent it, or undefined. */
export function townCheckProblem(check: TownCheck): string | undefined {
  if (!/^\d{9}$/.test(check.townCode)) return 'townCode must be a 9-digit township code';
  const inTown = (code: string) => /^\d{12}$/.test(code) && code.startsWith(check.townCode);
  for (const f of check.findings) {
    if (!OWNER.has(f.rule)) return `unknown rule ${f.rule.slice(0, 40)}`;
    if (!inTown(f.villageCode)) return `village ${f.villageCode.slice(0, 12)} is not in township ${check.townCode}`;
  }
  for (const d of check.discoveries) {
    if (!DISCOVERY_IDS.has(d.rule)) return `unknown discovery rule ${d.rule.slice(0, 40)}`;
    if (!inTown(d.villageCode)) return `village ${d.villageCode.slice(0, 12)} is not in township ${check.townCode}`;
  }
  return undefined;
}

/**
 * Records one township's check in one transaction: findings seen again stay open (their
 * last sighting moves on), new ones open, the township's open findings this check did not
 * see are resolved, and each child found for the first time becomes a DISCOVERY hand-off to the
 * township. One statement each; the township's row says when it was checked.
 */
export async function recordTownCheck(db: Kysely<HandoffsDB>, check: TownCheck): Promise<TownCheckResult> {
  const at = check.checkedAt;
  return db.transaction().execute(async (trx) => {
    let opened = 0;
    if (check.findings.length) {
      const rows = await trx
        .insertInto('quality_finding')
        .values(check.findings.map((f) => ({ rule: f.rule, child_id: f.childId, village_code: f.villageCode, owner_agency: OWNER.get(f.rule)!, first_seen_at: at, last_seen_at: at })))
        .onConflict((c) =>
          c
            .columns(['child_id', 'rule'])
            .where('resolved_at', 'is', null)
            .doUpdateSet({ last_seen_at: sql`greatest(quality_finding.last_seen_at, excluded.last_seen_at)`, village_code: (eb) => eb.ref('excluded.village_code') }),
        )
        // xmax is 0 on a freshly inserted row: how PostgreSQL tells an insert from an update in one upsert.
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .execute();
      opened = rows.filter((r) => r.inserted).length;
    }
    // What this check did not see any more is resolved: by the set it saw, not by time, so a
    // check is right whatever the clocks of the checks before it said.
    const seen = check.findings.map((f) => sql`(${f.childId}, ${f.rule})`);
    const resolved = await trx
      .updateTable('quality_finding as f')
      .set({ resolved_at: sql`greatest(f.last_seen_at, ${at})` })
      .where('f.village_code', 'like', `${check.townCode}%`)
      .where('f.resolved_at', 'is', null)
      .$if(seen.length > 0, (q) => q.where(sql<boolean>`(f.child_id, f.rule) not in (${sql.join(seen)})`))
      .executeTakeFirst();
    const write = new WriteTransaction(trx);
    const sent = await discoveryHandoffs(write, check.discoveries, at);
    // Into the outbox with the hand-offs, or not at all.
    await write.flush();
    const request = check.answersRequestOf ?? null;
    await trx
      .insertInto('quality_check')
      .values({ town_code: check.townCode, checked_at: at, findings: check.findings.length, requested_at: null, requested_by: null })
      .onConflict((c) =>
        c.column('town_code').doUpdateSet({
          checked_at: at,
          findings: check.findings.length,
          // A request that came while this check ran is still owed a check of its own.
          requested_at: request ? sql`case when quality_check.requested_at <= ${request} then null else quality_check.requested_at end` : sql`quality_check.requested_at`,
        }),
      )
      .execute();
    return { opened, resolved: Number(resolved.numUpdatedRows), open: check.findings.length, discovered: sent };
  });
}
