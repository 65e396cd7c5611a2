import type { HealthFacts } from '@lbc/schema';
import type { QualityFactsPage } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HealthDB } from '../db-types.ts';

/**
 * One page of the health records' facts about a township's children, in child-id order
 * after `page.after`, in one statement. The children are
 * - those whose residence (child_place, published by the registry) lies in the township and
 *   who are patients here, and
 * - patients of a clinic in the township for whom no residence is known (residenceKnown
 *   false: the registry does not hold them).
 * The patient's own residence_code is not used to choose: the registry's residence is the
 * one the check compares agencies by. Each branch is an index range (child_place_residence_idx;
 * clinic_region_idx into patient_clinic_idx) cut to the page before the facts are read.
 */
export async function healthFacts(db: Kysely<HealthDB>, page: QualityFactsPage): Promise<HealthFacts[]> {
  const { rows } = await sql<HealthFacts>`
    with candidate as (
      (select cp.child_id, true as residence_known
        from child_place cp
        where cp.residence_code between ${page.low} and ${page.high} and cp.child_id > ${page.after}
          and exists (select 1 from patient p where p.child_id = cp.child_id)
      union all
      select p.child_id, false
        from clinic k
        join patient p on p.clinic_id = k.id
        where k.region_code between ${page.low} and ${page.high} and p.child_id > ${page.after}
          and not exists (select 1 from child_place cp where cp.child_id = p.child_id and cp.residence_code is not null))
      order by child_id
      limit ${page.first}
    )
    select c.child_id as "childId",
      exists (select 1 from disability_assessment d where d.child_id = c.child_id) as "disabilityAssessed",
      c.residence_known as "residenceKnown"
    from candidate c
    order by c.child_id`.execute(db);
  return rows;
}
