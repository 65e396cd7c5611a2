import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * Jurisdiction: a principal bound to a police station sees the children of the
 * households that station keeps, wherever they live. police_child gains `station_id` (last,
 * so the view can be replaced in place): the household's station for a registered child;
 * null for a pending handover — it has no household yet, and stations exist only as ids on
 * households, so there is nothing to look one up in (deriving it from the village code would
 * grant access on a naming convention, not on a record).
 * The index serves "rows of station S" beside the address range, so a station's lists are
 * a BitmapOr of two index scans instead of a scan of every household.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create or replace view police_child as
        select r.child_id as id,
          true as registered,
          r.id_number,
          r.household_number,
          r.relationship_to_head,
          r.registered_on,
          h.address_code as place_code,
          case when u.child_id is null then 'REGISTERED' else 'REGISTERED_AFTER_REPORT' end as registration_status,
          u.village_code as unregistered_village_code,
          u.reported_on as unregistered_reported_on,
          u.status as unregistered_status,
          u.registered_on as unregistered_registered_on,
          h.station_id
        from resident r
        join household h on h.number = r.household_number
        left join unregistered_child u on u.child_id = r.child_id
        where r.child_id is not null
      union all
        select u.child_id, false, null, null, null, null, u.village_code, 'UNREGISTERED_PENDING',
          u.village_code, u.reported_on, u.status, u.registered_on, null::text
        from unregistered_child u
        where u.status = 'PENDING'`,
    `create index household_station_idx on household (station_id, number)`,
  ]);
}

/** Back to 0001's view: a column cannot be removed in place, so the view is dropped and created as it was. */
export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    'drop index household_station_idx',
    'drop view police_child',
    `create view police_child as
        select r.child_id as id,
          true as registered,
          r.id_number,
          r.household_number,
          r.relationship_to_head,
          r.registered_on,
          h.address_code as place_code,
          case when u.child_id is null then 'REGISTERED' else 'REGISTERED_AFTER_REPORT' end as registration_status,
          u.village_code as unregistered_village_code,
          u.reported_on as unregistered_reported_on,
          u.status as unregistered_status,
          u.registered_on as unregistered_registered_on
        from resident r
        join household h on h.number = r.household_number
        left join unregistered_child u on u.child_id = r.child_id
        where r.child_id is not null
      union all
        select u.child_id, false, null, null, null, null, u.village_code, 'UNREGISTERED_PENDING',
          u.village_code, u.reported_on, u.status, u.registered_on
        from unregistered_child u
        where u.status = 'PENDING'`,
  ]);
}
