import { recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import type { EducationContext } from '../context.ts';
import type { EducationDB, EnrollmentRow } from '../db-types.ts';
import { schoolWritable } from './school-writable.ts';

/**
 * The enrollment `enrollmentId` (digits, checked by the caller's validate), locked until
 * the write commits, and only if its school is the caller's to write for: NOT_FOUND when
 * there is none, FORBIDDEN when it is outside the jurisdiction; inside the transaction,
 * so nothing is written.
 */
export async function enrollmentForWrite(write: WriteTransaction<EducationDB>, context: EducationContext, enrollmentId: string): Promise<EnrollmentRow> {
  const row = await write.trx
    .selectFrom('enrollment as e')
    .innerJoin('school as s', 's.id', 'e.school_id')
    .selectAll('e')
    .select(schoolWritable(context.loaders.scope, 's').as('in_scope'))
    .where('e.id', '=', enrollmentId as never)
    .forUpdate('e')
    .executeTakeFirst();
  return recordForWrite(row, `enrollment ${enrollmentId}`);
}
