import { ROLLUP_MACHINERY_DDL, rollupRefreshDdl, runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { HOUSEHOLD_VILLAGE } from '../rollups/household-village.ts';

/** Marks one village of the household rollup (a null village marks nothing). */
const mark = (area: string) => `perform rollup_mark('household_village', ${area})`;

/**
 * Region household counts from a rollup: `household_village` holds, per village where
 * police_child places a child, what Region.householdStats used to count child by child.
 * `household_village_from_rows` is that count (the same filters as before, reports counted
 * one by one, the rest children); regions sum villages.
 *
 * What moves a count, and so marks villages (before and after the change):
 * - a resident with a child id: its household's village (a household change moves it);
 * - a household's address: every child registered there moves with it;
 * - a handover: its village while PENDING, and — since a registered child's status is
 *   REGISTERED_AFTER_REPORT exactly when a handover of it exists — its resident's village;
 * - a report, missing report or parent status: its child's villages, found in police_child
 *   at trigger time (the row does not move the child, so before and after are the same).
 * child_place does not feed police_child, so place events move nothing here. Updates that
 * touch no counted column mark nothing: a handover's version, a report's details.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...ROLLUP_MACHINERY_DDL,
    `create table household_village (
        village_code text primary key,
        registered_children int not null,
        registered_after_report int not null,
        unregistered_pending int not null,
        mandatory_reports_awaiting_response int not null,
        mandatory_reports_responding int not null,
        missing_children_not_found int not null,
        children_with_parent_serving_sentence int not null
      )`,
    // The place filter reaches both branches of the view: household_address_idx then
    // resident_household_idx, and unregistered_pending_idx.
    `create function household_village_from_rows(codes text[]) returns setof household_village language sql stable as $$
       select c.place_code::text,
         count(*) filter (where c.registered)::int,
         count(*) filter (where c.registration_status = 'REGISTERED_AFTER_REPORT')::int,
         count(*) filter (where not c.registered)::int,
         coalesce(sum(m.received), 0)::int,
         coalesce(sum(m.responding), 0)::int,
         count(*) filter (where exists (
           select 1 from missing_report x where x.child_id = c.id and x.found_at is null))::int,
         count(*) filter (where exists (
           select 1 from parent_status s where s.child_id = c.id and s.status = 'SERVING_SENTENCE' and s.ended_on is null))::int
       from police_child c
       left join lateral (
         select count(*) filter (where mr.status = 'RECEIVED') as received,
           count(*) filter (where mr.status = 'RESPONDING') as responding
         from mandatory_report mr where mr.child_id = c.id
       ) m on true
       where c.place_code = any(codes)
       group by c.place_code $$`,
    rollupRefreshDdl(HOUSEHOLD_VILLAGE),
    // Every village police_child places the child in now (a handed-over child being registered may briefly be in two).
    `create function household_village_mark_child(child text) returns void language plpgsql as $$
     begin
       ${mark('c.place_code')} from police_child c where c.id = child;
     end $$`,
    `create function household_village_mark_resident() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and old.child_id is not distinct from new.child_id and old.household_number = new.household_number then return null; end if;
       if tg_op <> 'INSERT' and old.child_id is not null then
         ${mark('h.address_code')} from household h where h.number = old.household_number;
       end if;
       if tg_op <> 'DELETE' and new.child_id is not null then
         ${mark('h.address_code')} from household h where h.number = new.household_number;
       end if;
       return null;
     end $$`,
    `create trigger household_village_mark after insert or update or delete on resident
       for each row execute function household_village_mark_resident()`,
    // Inserted empty and deleted only when empty (residents reference it): only a changed address moves children.
    `create function household_village_mark_household() returns trigger language plpgsql as $$
     begin
       ${mark('old.address_code')};
       ${mark('new.address_code')};
       return null;
     end $$`,
    `create trigger household_village_mark after update of address_code on household
       for each row when (old.address_code is distinct from new.address_code) execute function household_village_mark_household()`,
    `create function household_village_mark_handover() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and old.child_id = new.child_id and old.status = new.status and old.village_code = new.village_code then return null; end if;
       if tg_op <> 'INSERT' then
         if old.status = 'PENDING' then ${mark('old.village_code')}; end if;
         ${mark('h.address_code')} from resident r join household h on h.number = r.household_number where r.child_id = old.child_id;
       end if;
       if tg_op <> 'DELETE' then
         if new.status = 'PENDING' then ${mark('new.village_code')}; end if;
         ${mark('h.address_code')} from resident r join household h on h.number = r.household_number where r.child_id = new.child_id;
       end if;
       return null;
     end $$`,
    `create trigger household_village_mark after insert or update or delete on unregistered_child
       for each row execute function household_village_mark_handover()`,
    ...childKeyedMarking('mandatory_report', 'old.status is distinct from new.status'),
    ...childKeyedMarking('missing_report', '(old.found_at is null) <> (new.found_at is null)'),
    ...childKeyedMarking('parent_status', 'old.status is distinct from new.status or (old.ended_on is null) <> (new.ended_on is null)'),
    // An existing database: every village a child may be placed in, counted once now.
    `select refresh_household_village(array(${HOUSEHOLD_VILLAGE.sourceAreas}))`,
  ]);
}

/** A table of rows keyed by child id: a row marks its child's villages when it is written, and again if it changes child or `counted` says a counted column changed. */
function childKeyedMarking(table: string, counted: string): string[] {
  return [
    `create function household_village_mark_${table}() returns trigger language plpgsql as $$
     begin
       if tg_op <> 'INSERT' then perform household_village_mark_child(old.child_id); end if;
       if tg_op <> 'DELETE' then perform household_village_mark_child(new.child_id); end if;
       return null;
     end $$`,
    `create trigger household_village_mark after insert or delete on ${table}
       for each row execute function household_village_mark_${table}()`,
    `create trigger household_village_mark_update after update on ${table}
       for each row when (old.child_id is distinct from new.child_id or ${counted}) execute function household_village_mark_${table}()`,
  ];
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...['mandatory_report', 'missing_report', 'parent_status'].flatMap((table) => [
      `drop trigger household_village_mark on ${table}`,
      `drop trigger household_village_mark_update on ${table}`,
      `drop function household_village_mark_${table}()`,
    ]),
    'drop trigger household_village_mark on unregistered_child',
    'drop function household_village_mark_handover()',
    'drop trigger household_village_mark on household',
    'drop function household_village_mark_household()',
    'drop trigger household_village_mark on resident',
    'drop function household_village_mark_resident()',
    'drop function household_village_mark_child(text)',
    'drop function refresh_household_village(text[])',
    'drop function household_village_from_rows(text[])',
    'drop table household_village',
    'drop trigger rollup_flush on rollup_pending',
    'drop function rollup_flush()',
    'drop function rollup_mark(text, text)',
    'drop table rollup_control, rollup_pending',
  ]);
}
