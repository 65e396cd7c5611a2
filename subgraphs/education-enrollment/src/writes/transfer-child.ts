import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { EducationContext } from '../context.ts';
import type { TransferChildInput } from '../generated/resolvers-types.ts';
import { ENROLLMENT_FIELDS } from './enroll-child.ts';
import { enrollmentForWrite } from './enrollment-for-write.ts';
import { recordIdProblem } from './record-id.ts';
import type { EnrollmentResult } from './enrollment-result.ts';
import { gradeProblem, schoolForWrite } from './school-for-write.ts';
import { schoolWritable } from './school-writable.ts';

/**
 * Transfers a pupil (转学): the current enrollment, at a school of the caller's
 * jurisdiction, ends on the transfer day, and one at the receiving school, wherever it
 * stands, begins that day. What the file must carry from school to school goes with the
 * child: the student number and the left-behind flag (档案随学籍流转). The new school is
 * published: the receiving region sees the child from then on, the sending one no longer.
 */
export function transferChild(context: EducationContext, info: GraphQLResolveInfo, input: TransferChildInput): Promise<EnrollmentResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        enrollmentId: recordIdProblem(input.enrollmentId),
        expectedVersion: inputRules.version(input.expectedVersion),
        transferredOn: inputRules.notInFuture(input.transferredOn, todayInChina()),
        grade: inputRules.integer(input.grade, 1, 9),
        className: inputRules.text(input.className, 40, { required: true }),
      }),
    async execute(write) {
      const from = await enrollmentForWrite(write, context, input.enrollmentId);
      const to = await schoolForWrite(write, context, input.toSchoolId, 'toSchoolId');
      const grade = input.grade ?? from.grade;
      assertInput({
        // A stale version is CONFLICT (below): it is how a client learns the child was transferred meanwhile.
        enrollmentId: from.version === input.expectedVersion && !from.current && 'has ended: the child is enrolled at no school now (enrollChild)',
        toSchoolId: to.id === from.school_id && 'is the school the child attends',
        transferredOn: inputRules.notBefore(input.transferredOn, from.enrolled_on, 'the day the child enrolled at the sending school'),
        grade: gradeProblem(to, grade),
      });
      const versions = await updateVersioned(write, {
        table: 'enrollment',
        key: { column: 'id', value: input.enrollmentId },
        expectedVersion: input.expectedVersion,
        set: { left_on: input.transferredOn, current: false },
        inJurisdiction: sql<boolean>`exists (select 1 from school s where s.id = enrollment.school_id and ${schoolWritable(context.loaders.scope, 's')})`,
        what: `enrollment ${input.enrollmentId}`,
      });
      const enrollment = await write.trx
        .insertInto('enrollment')
        .values({
          child_id: from.child_id,
          id_number: from.id_number,
          student_number: from.student_number,
          school_id: to.id,
          grade,
          class_name: input.className,
          boarding: input.boarding,
          left_behind: from.left_behind,
          enrolled_on: input.transferredOn,
          left_on: null,
          current: true,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.publish({ childId: from.child_id, kind: 'place.school', payload: { schoolCode: to.region_code, schoolId: to.id } });
      write.changed({ record: 'Enrollment', id: String(from.id), childId: from.child_id, change: 'updated', fields: ['leftOn', 'current'], ...versions });
      write.changed({ record: 'Enrollment', id: String(enrollment.id), childId: from.child_id, change: 'created', fields: ENROLLMENT_FIELDS, fromVersion: null, toVersion: enrollment.version });
      return { enrollment, childId: from.child_id, fromSchoolId: from.school_id };
    },
  });
}
