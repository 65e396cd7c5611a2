import { DISCOVERY_RULES, type Party } from '@lbc/schema';
import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { HandoffsDB } from '../db-types.ts';
import { sendHandoffs } from '../writes/send-handoffs.ts';

/** A child another agency's facts point to as left behind, unknown to the registry. */
export interface Discovery {
  childId: string;
  rule: string;
  /** The village the source agency places the child in. */
  villageCode: string;
}

/** Who sends a discovery: the hub's check, in the name of the county bureau of the agency whose record pointed to the child. */
const DISCOVERED_BY = 'hub:quality-check';

/**
 * Sends each child discovered for the first time to its township's civil affairs, as a
 * DISCOVERY hand-off carrying the derived fact only (the rule), never the record behind
 * it. A child is discovered once: whatever the township answered (registered, or not left
 * behind after all), the next check does not send it again.
 */
export async function discoveryHandoffs(write: WriteTransaction<HandoffsDB>, discoveries: readonly Discovery[], at: Date): Promise<number> {
  if (!discoveries.length) return 0;
  const known = await write.trx
    .selectFrom('handoff')
    .select('child_id')
    .where('kind', '=', 'DISCOVERY')
    .where(
      'child_id',
      'in',
      discoveries.map((d) => d.childId),
    )
    .execute();
  const already = new Set(known.map((row) => row.child_id));
  const fresh = discoveries.filter((d, i) => !already.has(d.childId) && discoveries.findIndex((e) => e.childId === d.childId) === i);
  const rows = await sendHandoffs(
    write,
    fresh.map((d) => {
      const rule = DISCOVERY_RULES.find((r) => r.id === d.rule)!;
      const from: Party = { agency: rule.source, level: 'county', region: d.villageCode.slice(0, 6), org: null };
      const to: Party = { agency: 'civil_affairs', level: 'town', region: d.villageCode.slice(0, 9), org: null };
      return { kind: 'DISCOVERY' as const, childId: d.childId, from, fromSubject: DISCOVERED_BY, to, reason: rule.id, note: rule.zh };
    }),
    at,
  );
  // Civil affairs learns the id and place, so the township can register the child under the id the others know.
  for (const row of rows)
    write.publish({ childId: row.child_id!, kind: 'handoff.discovered', payload: { villageCode: fresh.find((d) => d.childId === row.child_id)!.villageCode, handoffId: row.id, reason: row.reason } });
  return rows.length;
}
