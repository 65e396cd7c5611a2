import type { HubEvent } from '@lbc/subgraph-kit';
import { sql, type Transaction } from 'kysely';
import type { PoliceDB } from '../db-types.ts';

type HandoffUnregistered = Extract<HubEvent, { kind: 'handoff.unregistered' }>;

/**
 * `handoff.unregistered`: civil affairs handed a child over without household registration
 * (无户籍), through the hub. The police list it as a PENDING handover to register, in ONE
 * statement for the delivery. A child known here already — handed over before (a redelivery
 * under a new id, or registered since) or a resident — changes nothing: the handover the
 * police hold, and its version, are theirs. Within a delivery the first event of a child
 * counts, as it would have had it come alone.
 */
export async function applyHandoffUnregistered(trx: Transaction<PoliceDB>, events: HubEvent[]): Promise<void> {
  const byChild = new Map<string, HandoffUnregistered['payload']>();
  for (const event of events as HandoffUnregistered[]) if (!byChild.has(event.childId)) byChild.set(event.childId, event.payload);
  // Typed columns in the VALUES list: a parameter alone is text, and the date column wants a date.
  const rows = [...byChild].map(([childId, p]) => sql`(${childId}, ${p.villageCode}, ${p.reportedOn}::date)`);
  await sql`
    insert into unregistered_child (child_id, village_code, reported_by, reported_on, status)
    select handed.child_id, handed.village_code, 'civil_affairs', handed.reported_on, 'PENDING'
    from (values ${sql.join(rows)}) as handed (child_id, village_code, reported_on)
    where not exists (select 1 from resident r where r.child_id = handed.child_id)
    on conflict (child_id) do nothing`.execute(trx);
}
