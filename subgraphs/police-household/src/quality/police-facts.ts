import type { PoliceFacts } from '@lbc/schema';
import type { QualityFactsPage } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { ParentStatusRow, PoliceDB } from '../db-types.ts';
import { guardianCanAct } from '../guardian-can-act.ts';

type OpenStatus = Pick<ParentStatusRow, 'parent_role' | 'status'>;

interface PoliceFactsRow extends Omit<PoliceFacts, 'guardianCanAct' | 'fatherServingSentence' | 'motherServingSentence' | 'bothParentsElsewhere'> {
  /** The parents' statuses not ended: the derived facts below are read from them. */
  openStatuses: OpenStatus[];
}

/**
 * One page of the household registration's facts about a township's children, in child-id
 * order after `page.after`, in one statement. The children are
 * - those whose residence (child_place, published by the registry) lies in the township and
 *   whom the police know (a resident, a handover of an unregistered child, a parent status),
 *   and
 * - those registered in a household whose address lies in the township for whom no
 *   residence is known (residenceKnown false: the registry does not hold them).
 * The ID number never leaves the database: only the birth date and sex it encodes
 * (GB 11643: characters 7–14 the birth date, the 17th odd for a male) are selected.
 */
export async function policeFacts(db: Kysely<PoliceDB>, page: QualityFactsPage): Promise<PoliceFacts[]> {
  const { rows } = await sql<PoliceFactsRow>`
    with candidate as (
      (select cp.child_id, true as residence_known
        from child_place cp
        where cp.residence_code between ${page.low} and ${page.high} and cp.child_id > ${page.after}
          and (exists (select 1 from resident r where r.child_id = cp.child_id)
            or exists (select 1 from unregistered_child u where u.child_id = cp.child_id)
            or exists (select 1 from parent_status ps where ps.child_id = cp.child_id))
      union all
      select r.child_id, false
        from household h
        join resident r on r.household_number = h.number
        where h.address_code between ${page.low} and ${page.high} and r.child_id > ${page.after}
          and not exists (select 1 from child_place cp where cp.child_id = r.child_id and cp.residence_code is not null))
      order by child_id
      limit ${page.first}
    )
    select c.child_id as "childId",
      substr(r.id_number, 7, 4) || '-' || substr(r.id_number, 11, 2) || '-' || substr(r.id_number, 13, 2) as "idBirthDate",
      case when r.id_number is null then null when substr(r.id_number, 17, 1)::int % 2 = 1 then 'MALE' else 'FEMALE' end as "idSex",
      case when u.status = 'PENDING' then u.reported_on end as "unregisteredPendingSince",
      h.address_code as "householdCode",
      c.residence_known as "residenceKnown",
      coalesce((select jsonb_agg(jsonb_build_object('parent_role', ps.parent_role, 'status', ps.status))
        from parent_status ps where ps.child_id = c.child_id and ps.ended_on is null), '[]'::jsonb) as "openStatuses"
    from candidate c
    left join resident r on r.child_id = c.child_id
    left join household h on h.number = r.household_number
    left join unregistered_child u on u.child_id = c.child_id
    order by c.child_id`.execute(db);
  return rows.map(({ openStatuses, ...row }) => ({ ...row, ...parentFacts(openStatuses) }));
}

/** What the parents' open statuses tell the check; guardianCanAct is Child.guardianCanAct's own derivation. */
function parentFacts(open: readonly OpenStatus[]): Pick<PoliceFacts, 'guardianCanAct' | 'fatherServingSentence' | 'motherServingSentence' | 'bothParentsElsewhere'> {
  const has = (role: OpenStatus['parent_role'], status: OpenStatus['status']) => open.some((s) => s.parent_role === role && s.status === status);
  return {
    guardianCanAct: guardianCanAct(open),
    fatherServingSentence: has('FATHER', 'SERVING_SENTENCE'),
    motherServingSentence: has('MOTHER', 'SERVING_SENTENCE'),
    bothParentsElsewhere: has('FATHER', 'RESIDING_ELSEWHERE') && has('MOTHER', 'RESIDING_ELSEWHERE'),
  };
}
