import { ROLLUP_MACHINERY_DDL, rollupRefreshDdl, runDdl } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import { todayInChina } from '@lbc/schema';
import { IMMUNISATION_SCHEDULE } from '../immunisation-schedule.ts';
import { HEALTH_VILLAGE } from '../rollups/health-village.ts';

/**
 * Region health counts from a per-village rollup (`health_village`, area = the patient's
 * residence) instead of counting every child of a region per request.
 *
 * Most counts do not depend on the day. Two do: "immunisation incomplete" (a scheduled
 * dose due by the day and not recorded) and "needing follow-up" (that, or malnourished).
 * For them each patient keeps `immunisation_incomplete_from`, the earliest due date among
 * its scheduled doses not recorded (null when every scheduled dose is): the child is
 * incomplete on day D exactly when that date is <= D, because "some dose due by D is
 * missing" is "the earliest missing dose is due by D". The rollup counts these two as of
 * one day, the clock (`health_rollup_clock`); a region read adds the children whose date
 * lies between the clock and the day asked (health-region-stats.ts), and the clock is
 * moved to today daily (move_health_rollup_clock), so that correction stays a day's worth.
 *
 * The counts are the same definitions as health-facts.ts, written out here because a
 * migration is frozen; the rollup tests compare them with those fragments.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...ROLLUP_MACHINERY_DDL,
    // The schedule in SQL, for the triggers: filled from the TS constant below (a test
    // checks they are equal; changing the schedule takes a migration rewriting this table
    // and recomputing every patient's date).
    `create table immunisation_schedule (
        vaccine text not null,
        dose smallint not null,
        due_months int not null check (due_months >= 0),
        primary key (vaccine, dose)
      )`,
  ]);
  await db
    .insertInto('immunisation_schedule')
    .values(IMMUNISATION_SCHEDULE.map((d) => ({ vaccine: d.vaccine, dose: d.dose, due_months: d.dueAtMonths })))
    .execute();
  await runDdl(db, [
    // Due date as the region SQL computes it (birth + interval, compared as a date).
    `create function immunisation_incomplete_from(child text, birth date) returns date language sql stable as $$
       select min((birth + make_interval(months => s.due_months))::date)
       from immunisation_schedule s
       where not exists (select 1 from immunisation i where i.child_id = child and i.vaccine = s.vaccine and i.dose = s.dose) $$`,
    `alter table patient add column immunisation_incomplete_from date`,
    // Always derived: whoever writes the column or the birth date, the row holds the truth.
    `create function patient_immunisation_incomplete_from() returns trigger language plpgsql as $$
     begin
       new.immunisation_incomplete_from := immunisation_incomplete_from(new.child_id, new.birth_date);
       return new;
     end $$`,
    `create trigger patient_immunisation_incomplete_from before insert or update of child_id, birth_date, immunisation_incomplete_from on patient
       for each row execute function patient_immunisation_incomplete_from()`,
    // Per statement, over the rows it changed: a bulk load of doses updates each child once,
    // and only when its date moves. The update marks the child's village (patient's trigger).
    `create function immunisation_sync_patient() returns trigger language plpgsql as $$
     declare
       children text[];
     begin
       if tg_op = 'INSERT' then children := array(select distinct child_id from new_rows);
       elsif tg_op = 'DELETE' then children := array(select distinct child_id from old_rows);
       else children := array(select child_id from new_rows union select child_id from old_rows);
       end if;
       update patient p set immunisation_incomplete_from = c.incomplete_from
       from (select q.child_id, immunisation_incomplete_from(q.child_id, q.birth_date) as incomplete_from from patient q where q.child_id = any(children)) c
       where p.child_id = c.child_id and p.immunisation_incomplete_from is distinct from c.incomplete_from;
       return null;
     end $$`,
    `create trigger immunisation_sync_insert after insert on immunisation referencing new table as new_rows
       for each statement execute function immunisation_sync_patient()`,
    `create trigger immunisation_sync_update after update on immunisation referencing old table as old_rows new table as new_rows
       for each statement execute function immunisation_sync_patient()`,
    `create trigger immunisation_sync_delete after delete on immunisation referencing old table as old_rows
       for each statement execute function immunisation_sync_patient()`,
    `update patient set immunisation_incomplete_from = immunisation_incomplete_from(child_id, birth_date)`,
    // The region read's correction: children whose date lies between the clock and the day
    // asked, nationwide a day's worth of rows (a range on the first column), each region
    // filtered in the index.
    `create index patient_incomplete_from_idx on patient (immunisation_incomplete_from, residence_code)`,
    `create table health_rollup_clock (id boolean primary key default true check (id), as_of date not null)`,
  ]);
  await sql`insert into health_rollup_clock (as_of) values (${todayInChina()}::date)`.execute(db);
  await runDdl(db, [
    `create table health_village (
        residence_code varchar(12) primary key,
        with_health_record int not null,
        immunisation_incomplete int not null,
        malnourished int not null,
        disabled int not null,
        with_chronic_illness int not null,
        mental_health_high_risk int not null,
        hospitalised int not null,
        with_serious_condition int not null,
        needing_follow_up int not null
      )`,
    // The two day-dependent counts are as of the clock's day.
    `create function health_village_from_rows(codes text[]) returns setof health_village language sql stable as $$
       select p.residence_code,
         count(*)::int,
         count(*) filter (where f.incomplete)::int,
         count(*) filter (where f.malnourished)::int,
         count(*) filter (where f.disabled)::int,
         count(*) filter (where f.chronic)::int,
         count(*) filter (where f.mental_high)::int,
         count(*) filter (where f.hospitalised)::int,
         count(*) filter (where f.severe_disability or f.chronic or f.hospitalised or f.mental_high)::int,
         count(*) filter (where f.incomplete or f.malnourished)::int
       from patient p
       cross join health_rollup_clock c
       cross join lateral (select
         coalesce(p.immunisation_incomplete_from <= c.as_of, false) as incomplete,
         coalesce((select g.assessment from growth_measurement g where g.child_id = p.child_id order by g.measured_on desc, g.id desc limit 1)
           in ('UNDERWEIGHT', 'STUNTED', 'WASTED'), false) as malnourished,
         exists (select 1 from disability_assessment d where d.child_id = p.child_id) as disabled,
         coalesce((select d.grade from disability_assessment d where d.child_id = p.child_id order by d.assessed_on desc, d.id desc limit 1) <= 2, false) as severe_disability,
         exists (select 1 from chronic_condition cc where cc.child_id = p.child_id) as chronic,
         coalesce((select m.risk from mental_health_screening m where m.child_id = p.child_id order by m.screened_on desc, m.id desc limit 1) = 'HIGH', false) as mental_high,
         exists (select 1 from hospital_stay h where h.child_id = p.child_id and h.discharged_on is null) as hospitalised
         -- Not flattened into the counts: each fact is looked up once per child, not once per count using it.
         offset 0
       ) f
       where p.residence_code = any(codes)
       group by p.residence_code $$`,
    // The kit's refresh, first taking the clock's lock: shared by every write's refresh and
    // taken alone by a move of the clock, so a village is never counted against a day the
    // clock is leaving.
    rollupRefreshDdl(HEALTH_VILLAGE, { first: `perform pg_advisory_xact_lock_shared(hashtext('health_rollup_clock'));` }),
    // Only the villages of children whose date lies between the two days change count.
    `create function move_health_rollup_clock(to_day date) returns integer language plpgsql as $$
     declare
       from_day date;
       codes text[];
     begin
       perform pg_advisory_xact_lock(hashtext('health_rollup_clock'));
       select as_of into from_day from health_rollup_clock;
       if from_day = to_day then return 0; end if;
       codes := array(select distinct residence_code from patient
         where immunisation_incomplete_from > least(from_day, to_day) and immunisation_incomplete_from <= greatest(from_day, to_day));
       update health_rollup_clock set as_of = to_day;
       perform refresh_health_village(codes);
       return cardinality(codes);
     end $$`,
    // A patient counts in its residence: a new or removed record, a move, or a changed
    // immunisation date (which a dose recorded or removed, or a corrected birth date, sets).
    `create function health_village_mark_patient() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and (old.child_id, old.residence_code, old.immunisation_incomplete_from)
           is not distinct from (new.child_id, new.residence_code, new.immunisation_incomplete_from) then
         return null;
       end if;
       if tg_op <> 'INSERT' then perform rollup_mark('health_village', old.residence_code); end if;
       if tg_op <> 'DELETE' then perform rollup_mark('health_village', new.residence_code); end if;
       return null;
     end $$`,
    `create trigger health_village_mark after insert or update or delete on patient for each row execute function health_village_mark_patient()`,
    // A history row moves its child's facts: the child's village, found at trigger time.
    `create function health_village_mark_child() returns trigger language plpgsql as $$
     begin
       if tg_op <> 'INSERT' then perform rollup_mark('health_village', (select residence_code from patient where child_id = old.child_id)); end if;
       if tg_op <> 'DELETE' then perform rollup_mark('health_village', (select residence_code from patient where child_id = new.child_id)); end if;
       return null;
     end $$`,
    ...['growth_measurement', 'disability_assessment', 'chronic_condition', 'hospital_stay', 'mental_health_screening'].map(
      (table) => `create trigger health_village_mark after insert or update or delete on ${table} for each row execute function health_village_mark_child()`,
    ),
    `select refresh_health_village(array(select distinct residence_code from patient))`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...['growth_measurement', 'disability_assessment', 'chronic_condition', 'hospital_stay', 'mental_health_screening', 'patient'].map((table) => `drop trigger health_village_mark on ${table}`),
    'drop trigger immunisation_sync_insert on immunisation',
    'drop trigger immunisation_sync_update on immunisation',
    'drop trigger immunisation_sync_delete on immunisation',
    'drop trigger patient_immunisation_incomplete_from on patient',
    'drop function health_village_mark_child(), health_village_mark_patient(), move_health_rollup_clock(date), refresh_health_village(text[]), health_village_from_rows(text[])',
    'drop function immunisation_sync_patient(), patient_immunisation_incomplete_from(), immunisation_incomplete_from(text, date)',
    'drop table health_village, health_rollup_clock, immunisation_schedule',
    'drop index patient_incomplete_from_idx',
    'alter table patient drop column immunisation_incomplete_from',
    'drop trigger rollup_flush on rollup_pending',
    'drop function rollup_flush(), rollup_mark(text, text)',
    'drop table rollup_pending, rollup_control',
  ]);
}
