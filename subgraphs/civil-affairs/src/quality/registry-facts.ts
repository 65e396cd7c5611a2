import type { RegistryFacts } from '@lbc/schema';
import type { QualityFactsPage } from '@lbc/subgraph-kit';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ChildTable, CivilAffairsDB } from '../db-types.ts';

/**
 * RegistryFacts as the registry holds them. The registry also knows OTHER as an exit
 * reason, which the shared shape does not list: it is passed through as recorded (no
 * quality rule compares it), not hidden.
 */
export type RegistryFactsRow = Omit<RegistryFacts, 'exitReason'> & { exitReason: ChildTable['exit_reason'] };

type ChildScope = ExpressionBuilder<CivilAffairsDB & { c: ChildTable }, 'c'>;

/**
 * One page of the registry's facts about the children living in a township (every status:
 * an exited child is checked too), in child-id order after `page.after`. One statement:
 * the township is a range of child_village_idx; each parent and the DISABILITY flag are
 * primary-key probes.
 */
export function registryFacts(db: Kysely<CivilAffairsDB>, page: QualityFactsPage): Promise<RegistryFactsRow[]> {
  return db
    .selectFrom('child as c')
    .select(['c.id as childId', 'c.status', 'c.exit_reason as exitReason', 'c.birth_date as birthDate', 'c.sex', 'c.village_code as villageCode'])
    .select((eb) => [
      atHomeAndAble(eb, 'FATHER').as('fatherAtHomeAndAble'),
      atHomeAndAble(eb, 'MOTHER').as('motherAtHomeAndAble'),
      eb
        .exists(eb.selectFrom('parent as p').select('p.child_id').whereRef('p.child_id', '=', 'c.id').where('p.unable_reason', 'is not', null))
        .$castTo<boolean>()
        .as('parentUnableRecorded'),
      eb
        .exists(eb.selectFrom('risk_flag as r').select('r.child_id').whereRef('r.child_id', '=', 'c.id').where('r.kind', '=', 'DISABILITY').where('r.cleared_on', 'is', null))
        .$castTo<boolean>()
        .as('disabilityFlag'),
    ])
    .where('c.village_code', '>=', page.low)
    .where('c.village_code', '<=', page.high)
    .where('c.id', '>', page.after)
    .orderBy('c.id')
    .limit(page.first)
    .execute();
}

/** The parent in `role` is recorded, not away and with no reason they cannot care; false when no such parent is recorded. */
function atHomeAndAble(eb: ChildScope, role: 'FATHER' | 'MOTHER') {
  return eb
    .exists(eb.selectFrom('parent as p').select('p.child_id').whereRef('p.child_id', '=', 'c.id').where('p.role', '=', role).where('p.is_away', '=', false).where('p.unable_reason', 'is', null))
    .$castTo<boolean>();
}
