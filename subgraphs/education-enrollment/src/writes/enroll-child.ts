import { conflict } from '@lbc/schema';
import { assertInput, inputRules, outsideJurisdiction, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { EducationContext } from '../context.ts';
import type { EnrollChildInput } from '../generated/resolvers-types.ts';
import { idNumberOfStudentNumber, normaliseStudentNumber, studentNumberProblem } from '../student-number.ts';
import type { EnrollmentResult } from './enrollment-result.ts';
import { gradeProblem, schoolForWrite } from './school-for-write.ts';
import { assertStudentNumberFree } from './student-number-free.ts';

/** The fields an enrollment sets, for the audit. */
export const ENROLLMENT_FIELDS = ['child', 'studentNumber', 'school', 'grade', 'className', 'boarding', 'leftBehind', 'enrolledOn', 'current'];

/**
 * Enrolls a child who is enrolled nowhere now at a school of the caller's jurisdiction (its
 * own school, for a caller bound to one). The child's school is published to the other
 * agencies in the same transaction: jurisdiction everywhere follows within the exchange's delay.
 */
export function enrollChild(context: EducationContext, info: GraphQLResolveInfo, input: EnrollChildInput): Promise<EnrollmentResult> {
  const studentNumber = normaliseStudentNumber(input.studentNumber);
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        childId: inputRules.text(input.childId, 64, { required: true }),
        studentNumber: studentNumberProblem(input.studentNumber),
        grade: inputRules.integer(input.grade, 1, 9),
        className: inputRules.text(input.className, 40, { required: true }),
        enrolledOn: inputRules.notInFuture(input.enrolledOn, todayInChina()),
      }),
    async execute(write) {
      const school = await schoolForWrite(write, context, input.schoolId, 'schoolId');
      if (!school.writable) throw outsideJurisdiction(`school ${school.id}`);
      // Locked: a concurrent transfer or enrollment of the same child waits for this one.
      const history = await write.trx
        .selectFrom('enrollment')
        .select(['current', 'left_on', 'id_number', 'student_number'])
        .where('child_id', '=', input.childId)
        .orderBy('enrolled_on', 'desc')
        .orderBy('id', 'desc')
        .forUpdate()
        .execute();
      const national = history.find((e) => e.id_number !== null)?.student_number;
      const lastLeftOn = history.reduce<string | null>((last, e) => (e.left_on && (!last || e.left_on > last) ? e.left_on : last), null);
      assertInput({
        childId: history.some((e) => e.current) && 'is enrolled at a school now: a pupil changes school by transferChild',
        grade: gradeProblem(school, input.grade),
        // The national student number is the child's for life; a temporary one may give way to it.
        studentNumber: national !== undefined && studentNumber !== national && 'must be the national student number the child already has',
        enrolledOn: inputRules.notBefore(input.enrolledOn, lastLeftOn, 'the day the child left its last school'),
      });
      await assertStudentNumberFree(write, studentNumber, input.childId, 'studentNumber');
      const enrollment = await write.trx
        .insertInto('enrollment')
        .values({
          child_id: input.childId,
          id_number: idNumberOfStudentNumber(studentNumber),
          student_number: studentNumber,
          school_id: school.id,
          grade: input.grade,
          class_name: input.className,
          boarding: input.boarding,
          left_behind: input.leftBehind,
          enrolled_on: input.enrolledOn,
          left_on: null,
          current: true,
        })
        // The unique indexes (one current enrollment per child, per student number) settle a race the checks above cannot see.
        .onConflict((c) => c.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!enrollment) throw conflict(`child ${input.childId} was enrolled by another write at the same time: read it again`, null, { inResolver: true });
      write.publish({ childId: input.childId, kind: 'place.school', payload: { schoolCode: school.region_code, schoolId: school.id } });
      write.changed({ record: 'Enrollment', id: String(enrollment.id), childId: input.childId, change: 'created', fields: ENROLLMENT_FIELDS, fromVersion: null, toVersion: enrollment.version });
      return { enrollment, childId: input.childId, fromSchoolId: null };
    },
  });
}
