import type { HubEvent } from '@lbc/subgraph-kit';
import { sql, type Transaction } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';

type HandoffDiscovered = Extract<HubEvent, { kind: 'handoff.discovered' }>;

/**
 * `handoff.discovered`: the hub found a child another agency's records point to as left
 * behind, unknown to the registry. Kept so a township can register it under that id
 * (RegisterChildInput.knownAs); one statement for the delivery, a child kept once.
 */
export async function applyHandoffDiscovered(trx: Transaction<CivilAffairsDB>, events: HubEvent[]): Promise<void> {
  const rows = (events as HandoffDiscovered[]).map((e) => sql`(${e.childId}, ${e.payload.villageCode}, ${e.payload.handoffId}, ${e.payload.reason})`);
  await sql`
    insert into discovered_child (child_id, village_code, handoff_id, reason)
    select * from (values ${sql.join(rows)}) as found (child_id, village_code, handoff_id, reason)
    on conflict (child_id) do nothing`.execute(trx);
}
