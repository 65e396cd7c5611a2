import { regionRanges } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { EducationDB } from '../src/db-types.ts';
import type { SchoolStatsRow } from '../src/loaders.ts';
import type { SchoolTerm } from '../src/school-term.ts';

/**
 * The region counts recounted from the pupils' rows: the statement `Region.schoolStats` ran
 * before the rollups, kept word for word as the reference the rollups must equal.
 */
export async function recountSchoolStats(db: Kysely<EducationDB>, codes: readonly string[], term: SchoolTerm): Promise<SchoolStatsRow[]> {
  const { rows } = await sql<SchoolStatsRow>`
    select r.code, ${term.label}::text as term,
      count(distinct s.id)::int as schools,
      count(e.id)::int as enrolled_children,
      count(e.id) filter (where e.left_behind)::int as enrolled_left_behind,
      count(e.id) filter (where e.boarding)::int as boarding,
      count(e.id) filter (where e.boarding and e.left_behind)::int as boarding_left_behind,
      count(e.id) filter (where e.left_behind and not exists (
        select 1 from pairing p where p.child_id = e.child_id))::int as left_behind_without_paired_teacher,
      count(e.id) filter (where d.status in ('REPORTED', 'PERSUADING', 'REFERRED'))::int as dropouts_open,
      count(e.id) filter (where d.status = 'RETURNED')::int as dropouts_returned,
      coalesce(sum(a.unexcused_days), 0)::int as unexcused_absence_days,
      count(e.id) filter (where a.unexcused_days > 0)::int as children_with_unexcused_absence
    from ${regionRanges(codes)}
    left join school s on s.region_code between r.low and r.high
    left join enrollment e on e.school_id = s.id and e.current
    left join lateral (
      select d.status from dropout_report d where d.child_id = e.child_id order by d.reported_on desc, d.id desc limit 1
    ) d on true
    left join lateral (
      select sum(x.unexcused_days) as unexcused_days from attendance x
      where x.child_id = e.child_id and x.month between ${term.firstMonth} and ${term.lastMonth}
    ) a on true
    group by r.code`.execute(db);
  return rows;
}
