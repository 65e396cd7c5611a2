import { runDdl, WRITE_TABLES_DDL } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/** police_child as 0002 left it, with `extra` appended to each branch (a view gains columns in place only at its end). */
function policeChildView(extra: { registered: string; pending: string }): string {
  return `create or replace view police_child as
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
          h.station_id${extra.registered}
        from resident r
        join household h on h.number = r.household_number
        left join unregistered_child u on u.child_id = r.child_id
        where r.child_id is not null
      union all
        select u.child_id, false, null, null, null, null, u.village_code, 'UNREGISTERED_PENDING',
          u.village_code, u.reported_on, u.status, u.registered_on, null::text${extra.pending}
        from unregistered_child u
        where u.status = 'PENDING'`;
}

/**
 * Household registration becomes writable: the kit's outbox, inbox and idempotency tables;
 * versions on the records that are edited (a handover, registered once; a parent's status,
 * ended or corrected); and what issuing ID numbers and household numbers needs.
 *
 * - A parent has at most one current status of each kind: an edit names it by child, parent
 *   and kind, and a second one recorded concurrently is refused by the index, not kept.
 * - id_number_sequence is the ledger of sequence numbers issued per area and birth date
 *   (the first 14 characters): its row lock serialises two registrations of the same
 *   area and day, and a number once issued is never issued again, even when its resident
 *   moves away. It starts from the residents already there, found by the expression index.
 * - Household numbers issued here are <county> + 9xxxxxxxx: those below came from the
 *   systems before the hub.
 * - police_child gains the handover's version (UnregisteredChildRegistration.version).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...WRITE_TABLES_DDL,
    `alter table unregistered_child add column version integer not null default 1`,
    `alter table parent_status add column version integer not null default 1`,
    `create unique index parent_status_current_idx on parent_status (child_id, parent_role, status) where ended_on is null`,
    `create table id_number_sequence (
        area_birth varchar(14) primary key check (area_birth ~ '^[0-9]{14}$'),
        last_male smallint not null check (last_male % 2 <> 0),
        last_female smallint not null check (last_female % 2 = 0)
      )`,
    `create index resident_area_birth_idx on resident (substr(id_number, 1, 14))`,
    `create sequence household_number start with 900000001`,
    policeChildView({ registered: ',\n          u.version as unregistered_version', pending: ', u.version' }),
  ]);
}

/** Back to 0002's view: a column cannot be removed in place, so the view is dropped and created without it. */
export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    'drop view police_child',
    policeChildView({ registered: '', pending: '' }),
    'drop sequence household_number',
    'drop index resident_area_birth_idx',
    'drop table id_number_sequence',
    'drop index parent_status_current_idx',
    'alter table parent_status drop column version',
    'alter table unregistered_child drop column version',
    'drop table write_request',
    'drop table inbox',
    'drop table outbox',
  ]);
}
