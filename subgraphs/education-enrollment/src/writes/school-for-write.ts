import { assertInput, type Problem, type WriteTransaction } from '@lbc/subgraph-kit';
import type { EducationContext } from '../context.ts';
import type { EducationDB, SchoolKind, SchoolRow } from '../db-types.ts';
import { schoolWritable } from './school-writable.ts';

/** A school named in an input, and whether the caller may write for its pupils. */
export type SchoolForWrite = SchoolRow & { writable: boolean };

/** The school `schoolId` named by the input field `field`: BAD_USER_INPUT naming the field when there is none (not a foreign-key failure). */
export async function schoolForWrite(write: WriteTransaction<EducationDB>, context: EducationContext, schoolId: string, field: string): Promise<SchoolForWrite> {
  const school = await write.trx.selectFrom('school as s').selectAll('s').select(schoolWritable(context.loaders.scope, 's').as('writable')).where('s.id', '=', schoolId).executeTakeFirst();
  assertInput({ [field]: !school && `no school ${schoolId}` });
  return school!;
}

const GRADES: Record<SchoolKind, [number, number]> = { PRIMARY: [1, 6], JUNIOR_MIDDLE: [7, 9] };

/** A grade the school teaches: primary 1-6, junior middle 7-9. */
export function gradeProblem(school: SchoolRow, grade: number): Problem {
  const [low, high] = GRADES[school.kind];
  return (grade < low || grade > high) && `${school.name} teaches grades ${low} to ${high}`;
}
