import type { HubEvent } from '@lbc/subgraph-kit';
import { sql, type Transaction } from 'kysely';
import type { HealthDB } from '../db-types.ts';

type IdentityIssued = Extract<HubEvent, { kind: 'identity.issued' }>;

/**
 * The police issued an ID number to children registered late: their health records,
 * which could not carry one, take it, so the clinic can find them by it. One statement
 * for the batch. A record that has an ID number keeps it (health does not overwrite its
 * own record from an event; a wrong one is corrected by the clinic). A number already on
 * another health record is not set (two children cannot share one): refusing the whole
 * delivery for it would stop every later event, so that child keeps none here until the
 * records are reconciled. The first event for a child in a batch wins, as it would
 * applied one by one; a number given to two children in one batch goes to neither.
 */
export async function applyIdentityIssued(trx: Transaction<HealthDB>, events: HubEvent[]): Promise<void> {
  const issued = firstPerChild(events.filter((e): e is IdentityIssued => e.kind === 'identity.issued'));
  const perNumber = new Map<string, number>();
  for (const idNumber of issued.values()) perNumber.set(idNumber, (perNumber.get(idNumber) ?? 0) + 1);
  const rows = [...issued].filter(([, idNumber]) => perNumber.get(idNumber) === 1);
  if (!rows.length) return;
  await sql`
    update patient p set id_number = v.id_number
    from (values ${sql.join(rows.map(([childId, idNumber]) => sql`(${childId}, ${idNumber})`))}) as v(child_id, id_number)
    where p.child_id = v.child_id and p.id_number is null
      and not exists (select 1 from patient q where q.id_number = v.id_number)`.execute(trx);
}

/** Child id → the ID number of its first event. */
function firstPerChild(events: IdentityIssued[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const e of events) if (!first.has(e.childId)) first.set(e.childId, e.payload.idNumber);
  return first;
}
