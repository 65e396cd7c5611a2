import { assertInput, type WriteTransaction } from '@lbc/subgraph-kit';
import type { EducationDB } from '../db-types.ts';

/** A student number belongs to one child: BAD_USER_INPUT naming `field` when another child has ever had it. */
export async function assertStudentNumberFree(write: WriteTransaction<EducationDB>, studentNumber: string, childId: string, field: string): Promise<void> {
  const other = await write.trx.selectFrom('enrollment').select('id').where('student_number', '=', studentNumber).where('child_id', '<>', childId).limit(1).executeTakeFirst();
  assertInput({ [field]: other && 'belongs to another child' });
}
