import { ROLLUP_MACHINERY_DDL, rollupRefreshDdl, runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { SCHOOL_AREA_COUNTS } from '../rollups/school-area-counts.ts';
import { SCHOOL_TERM_ABSENCES } from '../rollups/school-term-absences.ts';

const AREA = SCHOOL_AREA_COUNTS.name;
const TERM = SCHOOL_TERM_ABSENCES.name;

/**
 * `Region.schoolStats` stops counting pupils per request: two count tables per school
 * village (see src/rollups/), kept at commit by the kit's rollup machinery. The counts are
 * the ones the region query made: current enrollments at the region's schools, the dropout
 * state of each child's latest report, a child's unexcused days summed over one term.
 *
 * Every table whose rows can move a count marks the villages concerned: a school (its
 * village), an enrollment (its school's village, before and after), and the rows kept per
 * child (pairing, dropout report, attendance) the village of the child's current school
 * at the time of the write. A write that moves the child's enrollment in the same
 * transaction marks both villages itself, so the order of the writes does not matter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...ROLLUP_MACHINERY_DDL,
    // The term label of an attendance month, exactly as schoolTermOf(`${month}-01`).label (tested month by month).
    `create function school_term_of(month text) returns text language sql immutable strict as $$
       select case
         when substr(month, 6, 2)::int >= 9 then substr(month, 1, 4)::int::text || '-AUTUMN'
         when substr(month, 6, 2)::int = 1 then (substr(month, 1, 4)::int - 1)::text || '-AUTUMN'
         else substr(month, 1, 4)::int::text || '-SPRING'
       end $$`,

    `create table ${AREA} (
        region_code text primary key,
        schools int not null,
        enrolled_children int not null,
        enrolled_left_behind int not null,
        boarding int not null,
        boarding_left_behind int not null,
        left_behind_without_paired_teacher int not null,
        dropouts_open int not null,
        dropouts_returned int not null
      )`,
    // Every school's village has a row (a school without pupils still counts as a school).
    `create function ${AREA}_from_rows(codes text[]) returns setof ${AREA} language sql stable as $$
       select s.region_code::text,
         count(distinct s.id)::int,
         count(e.id)::int,
         count(e.id) filter (where e.left_behind)::int,
         count(e.id) filter (where e.boarding)::int,
         count(e.id) filter (where e.boarding and e.left_behind)::int,
         count(e.id) filter (where e.left_behind and not exists (select 1 from pairing p where p.child_id = e.child_id))::int,
         count(e.id) filter (where d.status in ('REPORTED', 'PERSUADING', 'REFERRED'))::int,
         count(e.id) filter (where d.status = 'RETURNED')::int
       from school s
       left join enrollment e on e.school_id = s.id and e.current
       left join lateral (
         select d.status from dropout_report d where d.child_id = e.child_id order by d.reported_on desc, d.id desc limit 1
       ) d on true
       where s.region_code = any(codes)
       group by s.region_code $$`,
    rollupRefreshDdl(SCHOOL_AREA_COUNTS),

    `create table ${TERM} (
        region_code text not null,
        term text not null,
        unexcused_absence_days int not null,
        children_with_unexcused_absence int not null,
        primary key (region_code, term)
      )`,
    // The region query reads one term over a range of villages.
    `create index ${TERM}_term_idx on ${TERM} (term, region_code)`,
    // A child counts once per term however many months it was absent in.
    `create function ${TERM}_from_rows(codes text[]) returns setof ${TERM} language sql stable as $$
       select s.region_code::text, a.term,
         sum(a.unexcused_days)::int,
         count(*) filter (where a.unexcused_days > 0)::int
       from school s
       join enrollment e on e.school_id = s.id and e.current
       join lateral (
         select school_term_of(x.month) as term, sum(x.unexcused_days) as unexcused_days
         from attendance x where x.child_id = e.child_id group by 1
       ) a on true
       where s.region_code = any(codes)
       group by s.region_code, a.term $$`,
    rollupRefreshDdl(SCHOOL_TERM_ABSENCES),

    `create function school_area_of(school_id text) returns text language sql stable as $$
       select region_code::text from school where id = school_id $$`,
    // The village of the child's current school, if any (a child not enrolled now counts nowhere).
    `create function child_school_area_of(child text) returns text language sql stable as $$
       select s.region_code::text from enrollment e join school s on s.id = e.school_id where e.child_id = child and e.current $$`,

    `create function school_mark_rollups() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and old.region_code = new.region_code then return null; end if;
       if tg_op <> 'INSERT' then
         perform rollup_mark('${AREA}', old.region_code);
         perform rollup_mark('${TERM}', old.region_code);
       end if;
       if tg_op <> 'DELETE' then
         perform rollup_mark('${AREA}', new.region_code);
         perform rollup_mark('${TERM}', new.region_code);
       end if;
       return null;
     end $$`,
    `create trigger school_mark_rollups after insert or update or delete on school for each row execute function school_mark_rollups()`,

    // Only current enrollments count; an update of what no count reads (a student number) marks nothing.
    `create function enrollment_mark_rollups() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and (old.child_id, old.school_id, old.current, old.boarding, old.left_behind)
           is not distinct from (new.child_id, new.school_id, new.current, new.boarding, new.left_behind) then
         return null;
       end if;
       if tg_op <> 'INSERT' and old.current then
         perform rollup_mark('${AREA}', school_area_of(old.school_id));
         perform rollup_mark('${TERM}', school_area_of(old.school_id));
       end if;
       if tg_op <> 'DELETE' and new.current then
         perform rollup_mark('${AREA}', school_area_of(new.school_id));
         perform rollup_mark('${TERM}', school_area_of(new.school_id));
       end if;
       return null;
     end $$`,
    `create trigger enrollment_mark_rollups after insert or update or delete on enrollment for each row execute function enrollment_mark_rollups()`,

    `create function pairing_mark_rollups() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and old.child_id = new.child_id then return null; end if;
       if tg_op <> 'INSERT' then perform rollup_mark('${AREA}', child_school_area_of(old.child_id)); end if;
       if tg_op <> 'DELETE' then perform rollup_mark('${AREA}', child_school_area_of(new.child_id)); end if;
       return null;
     end $$`,
    `create trigger pairing_mark_rollups after insert or update or delete on pairing for each row execute function pairing_mark_rollups()`,

    // The latest report decides: its status, and its date and id, which order the reports.
    `create function dropout_report_mark_rollups() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and (old.child_id, old.status, old.reported_on, old.id)
           is not distinct from (new.child_id, new.status, new.reported_on, new.id) then
         return null;
       end if;
       if tg_op <> 'INSERT' then perform rollup_mark('${AREA}', child_school_area_of(old.child_id)); end if;
       if tg_op <> 'DELETE' then perform rollup_mark('${AREA}', child_school_area_of(new.child_id)); end if;
       return null;
     end $$`,
    `create trigger dropout_report_mark_rollups after insert or update or delete on dropout_report for each row execute function dropout_report_mark_rollups()`,

    `create function attendance_mark_rollups() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and (old.child_id, old.month, old.unexcused_days)
           is not distinct from (new.child_id, new.month, new.unexcused_days) then
         return null;
       end if;
       if tg_op <> 'INSERT' then perform rollup_mark('${TERM}', child_school_area_of(old.child_id)); end if;
       if tg_op <> 'DELETE' then perform rollup_mark('${TERM}', child_school_area_of(new.child_id)); end if;
       return null;
     end $$`,
    `create trigger attendance_mark_rollups after insert or update or delete on attendance for each row execute function attendance_mark_rollups()`,

    // An existing database is counted now, so the counts are right as soon as it is upgraded.
    `select refresh_${AREA}(array(select distinct region_code::text from school))`,
    `select refresh_${TERM}(array(select distinct region_code::text from school))`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `drop trigger attendance_mark_rollups on attendance`,
    `drop trigger dropout_report_mark_rollups on dropout_report`,
    `drop trigger pairing_mark_rollups on pairing`,
    `drop trigger enrollment_mark_rollups on enrollment`,
    `drop trigger school_mark_rollups on school`,
    `drop function attendance_mark_rollups(), dropout_report_mark_rollups(), pairing_mark_rollups(), enrollment_mark_rollups(), school_mark_rollups()`,
    `drop function child_school_area_of(text), school_area_of(text)`,
    `drop function refresh_${TERM}(text[]), ${TERM}_from_rows(text[]), refresh_${AREA}(text[]), ${AREA}_from_rows(text[])`,
    `drop table ${TERM}, ${AREA}`,
    `drop function school_term_of(text)`,
    `drop trigger rollup_flush on rollup_pending`,
    `drop function rollup_flush(), rollup_mark(text, text)`,
    `drop table rollup_pending, rollup_control`,
  ]);
}
