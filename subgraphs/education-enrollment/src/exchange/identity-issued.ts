import type { HubEvent } from '@lbc/subgraph-kit';
import { sql, type Transaction } from 'kysely';
import type { EducationDB } from '../db-types.ts';

type IdentityIssued = Extract<HubEvent, { kind: 'identity.issued' }>;

/**
 * The police issued an ID number to a child who had none (registered late, 无户籍): the
 * child's enrollments that carry a temporary L number take the national student number,
 * G + the ID number. One statement for the whole delivery, whatever its size.
 *
 * The last event per child wins, and an ID number goes to one child only: when another
 * child already has that national number (a data error the police must resolve), its
 * enrollments are left as they are rather than break the unique student number, which
 * would refuse the whole delivery again and again and stall every event behind it.
 * Enrollments that have a G number already are not touched, so a repeated event changes nothing.
 */
export async function applyIdentityIssued(trx: Transaction<EducationDB>, events: HubEvent[]): Promise<void> {
  const issued = (events as IdentityIssued[]).map((e, order) => sql`(${order}::int, ${e.childId}::text, ${e.payload.idNumber}::varchar(18))`);
  await sql`
    with delivered (ord, child_id, id_number) as (values ${sql.join(issued)}),
    latest_per_child as (
      select distinct on (child_id) child_id, id_number from delivered order by child_id, ord desc
    ),
    one_child_per_number as (
      select distinct on (id_number) child_id, id_number from latest_per_child order by id_number, child_id
    )
    update enrollment e
    set id_number = i.id_number, student_number = 'G' || i.id_number
    from one_child_per_number i
    where e.child_id = i.child_id
      and e.id_number is null
      and not exists (select 1 from enrollment other where other.student_number = 'G' || i.id_number and other.child_id <> e.child_id)`.execute(trx);
}
