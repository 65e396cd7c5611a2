import { childInJurisdiction, inScope, recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { ChildRow, CivilAffairsDB } from '../db-types.ts';
import { REGISTRY_CHILD } from '../jurisdiction.ts';

/**
 * SQL over a `child` row: the caller may warn its guardian. Civil affairs writes, as
 * always, for the children living in its jurisdiction. The police give most warnings
 * (训诫) and work by household registration and station, not by residence: for them the
 * hub's one rule applies (childInJurisdiction: any place of the child under their region,
 * or their station's children).
 */
export function warningChildInJurisdiction(context: CivilAffairsContext): RawBuilder<boolean> {
  return context.principal.agency === 'police' ? childInJurisdiction(context.loaders.scope, context.principal, REGISTRY_CHILD) : inScope(context.loaders.scope, sql.ref('child.village_code'));
}

/** The child a warning is given about, locked until the write commits: NOT_FOUND, or FORBIDDEN outside the caller's jurisdiction (above). */
export async function childForWarning(write: WriteTransaction<CivilAffairsDB>, context: CivilAffairsContext, childId: string): Promise<ChildRow> {
  const row = await write.trx.selectFrom('child').selectAll().select(warningChildInJurisdiction(context).as('in_scope')).where('id', '=', childId).forUpdate().executeTakeFirst();
  return recordForWrite(row, `child ${childId}`);
}

/** SQL over a `guardian_warning` row: the caller may record about its child (the same rule). */
export function warningInJurisdiction(context: CivilAffairsContext): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from child where child.id = guardian_warning.child_id and ${warningChildInJurisdiction(context)})`;
}
