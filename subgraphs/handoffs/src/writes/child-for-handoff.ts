import { childInJurisdiction, recordForWrite, type ChildPlaceTable, type WriteTransaction } from '@lbc/subgraph-kit';
import type { HandoffsContext } from '../context.ts';
import type { HandoffsDB } from '../db-types.ts';

/**
 * The places of the child a hand-off is about, if the child is the caller's to hand off: in
 * the caller's jurisdiction by any of its places, or of the caller's org (a school's pupil,
 * a station's household). A child the hub has no place for is NOT_FOUND: a hand-off must
 * reach someone.
 */
export async function childForHandoff(write: WriteTransaction<HandoffsDB>, context: HandoffsContext, childId: string): Promise<ChildPlaceTable> {
  const row = await write.trx
    .selectFrom('child_place as p')
    .selectAll('p')
    .select(childInJurisdiction(context.loaders.scope, context.principal, { place: 'p.residence_code', childId: 'p.child_id' }).as('in_scope'))
    .where('p.child_id', '=', childId)
    .executeTakeFirst();
  return recordForWrite(row, `child ${childId}`, `no child ${childId} known to the hub`);
}

/** BAD_USER_INPUT-worthy: an open hand-off of `kind` about the child already does what a new one would. */
export async function openHandoffOf(write: WriteTransaction<HandoffsDB>, childId: string, kind: string, caseId?: string): Promise<string | undefined> {
  let query = write.trx
    .selectFrom('handoff')
    .select('id')
    .where('child_id', '=', childId)
    .where('kind', '=', kind as never)
    .where('state', 'in', ['SENT', 'ACCEPTED']);
  if (caseId !== undefined) query = query.where('case_id', '=', caseId);
  return (await query.executeTakeFirst())?.id;
}

/** The village a child's matters belong to: where it lives, else where its household or school is. */
export function homeOf(child: ChildPlaceTable): string {
  const home = child.residence_code ?? child.registration_code ?? child.school_code;
  if (!home) throw new Error(`child ${child.child_id} has a place row without a place`);
  return home;
}
