import { assertInput, recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import type { EducationContext } from '../context.ts';
import type { EducationDB, EnrollmentRow } from '../db-types.ts';
import { schoolWritable } from './school-writable.ts';

/**
 * The current enrollment of the child a write is about, locked until the write commits,
 * and only if it is the caller's to write: its school stands in the caller's region, or is
 * the caller's own school. The child's latest enrollment decides: none is NOT_FOUND (the
 * child is unknown to education), one at a school outside the jurisdiction FORBIDDEN, and
 * one that has ended (the child is enrolled nowhere now) BAD_USER_INPUT on `input.childId`.
 * All inside the transaction, so nothing is written.
 */
export async function pupilForWrite(write: WriteTransaction<EducationDB>, context: EducationContext, childId: string): Promise<EnrollmentRow> {
  const latest = await write.trx
    .selectFrom('enrollment as e')
    .innerJoin('school as s', 's.id', 'e.school_id')
    .selectAll('e')
    .select(schoolWritable(context.loaders.scope, 's').as('in_scope'))
    .where('e.child_id', '=', childId)
    .orderBy('e.current', 'desc')
    .orderBy('e.enrolled_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1)
    .forUpdate('e')
    .executeTakeFirst();
  const enrollment = recordForWrite(latest, `child ${childId}`, `no child ${childId} is enrolled here`);
  assertInput({ childId: !enrollment.current && 'is enrolled at no school now' });
  return enrollment;
}
