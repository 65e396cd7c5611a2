import type { EducationFacts } from '@lbc/schema';
import type { QualityFactsPage } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { EducationDB } from '../db-types.ts';

/**
 * One page of the enrollment system's facts about a township's children, in child-id order
 * after `page.after`, in one statement. The children are
 * - those whose residence (child_place, published by the registry) lies in the township and
 *   who have an enrollment or a dropout report here (residenceKnown), and
 * - those enrolled now at a school in the township for whom no residence is known: the
 *   registry does not hold them, which is what the check must find.
 * The two sets cannot overlap (a residence is known or not). Each branch is an index range
 * (child_place_residence_idx; school_region_idx into enrollment_roster_idx) cut to the page
 * before the facts are read, and each fact is one probe of an index by child id.
 */
export async function educationFacts(db: Kysely<EducationDB>, page: QualityFactsPage): Promise<EducationFacts[]> {
  const { rows } = await sql<EducationFacts>`
    with candidate as (
      (select cp.child_id, true as residence_known
        from child_place cp
        where cp.residence_code between ${page.low} and ${page.high} and cp.child_id > ${page.after}
          and (exists (select 1 from enrollment e where e.child_id = cp.child_id)
            or exists (select 1 from dropout_report d where d.child_id = cp.child_id))
      union all
      select e.child_id, false
        from school s
        join enrollment e on e.school_id = s.id and e.current
        where s.region_code between ${page.low} and ${page.high} and e.child_id > ${page.after}
          and not exists (select 1 from child_place cp where cp.child_id = e.child_id and cp.residence_code is not null))
      order by child_id
      limit ${page.first}
    )
    select c.child_id as "childId",
      cur.school_id as "schoolId",
      cur.region_code as "schoolCode",
      coalesce(cur.left_behind, false) as "leftBehindFlag",
      exists (select 1 from dropout_report d where d.child_id = c.child_id and d.status <> 'RETURNED') as "openDropoutReport",
      c.residence_known as "residenceKnown"
    from candidate c
    left join lateral (
      select e.school_id, s.region_code, e.left_behind
      from enrollment e join school s on s.id = e.school_id
      where e.child_id = c.child_id and e.current
    ) cur on true
    order by c.child_id`.execute(db);
  return rows;
}
