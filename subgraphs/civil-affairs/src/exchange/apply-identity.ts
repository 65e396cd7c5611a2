import type { HubEvent } from '@lbc/subgraph-kit';
import { sql, type Transaction } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';

type IdentityIssued = Extract<HubEvent, { kind: 'identity.issued' }>;

/**
 * `identity.issued`: the police issued an ID number to a child registered without one (无户籍
 * children). The registry takes it for those of its children who still have none, in ONE
 * statement for the delivery; a number it holds already is never overwritten by an event (a
 * correction is the police's field, not a delivery's). A number the registry already gives
 * another child, or that this delivery gives two children, is left out rather than failing
 * the whole delivery on the unique index: that is a duplicate file for people to resolve.
 */
export async function applyIdentityIssued(trx: Transaction<CivilAffairsDB>, events: HubEvent[]): Promise<void> {
  // In delivery order: the last number issued to a child wins.
  const byChild = new Map<string, string>();
  for (const event of events as IdentityIssued[]) byChild.set(event.childId, event.payload.idNumber);
  const holders = new Map<string, number>();
  for (const number of byChild.values()) holders.set(number, (holders.get(number) ?? 0) + 1);
  const issued = [...byChild].filter(([, number]) => holders.get(number) === 1);
  if (!issued.length) return;
  await sql`
    update child set id_number = issued.id_number
    from (values ${sql.join(issued.map(([childId, number]) => sql`(${childId}, ${number})`))}) as issued (child_id, id_number)
    where child.id = issued.child_id
      and child.id_number is null
      and not exists (select 1 from child holder where holder.id_number = issued.id_number)`.execute(trx);
}
