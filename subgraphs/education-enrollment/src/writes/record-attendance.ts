import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { EducationContext } from '../context.ts';
import type { AttendanceRow } from '../db-types.ts';
import type { RecordAttendanceInput } from '../generated/resolvers-types.ts';
import { pupilForWrite } from './pupil-for-write.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordAttendanceResult {
  attendance: AttendanceRow;
  childId: string;
}

/**
 * One month's absence of a pupil enrolled now at a school of the caller's jurisdiction. A
 * month is recorded once per child: the primary key refuses a second record, as a
 * BAD_USER_INPUT on the month, whichever of two concurrent writes comes second.
 */
export function recordAttendance(context: EducationContext, info: GraphQLResolveInfo, input: RecordAttendanceInput): Promise<RecordAttendanceResult> {
  const thisMonth = todayInChina().slice(0, 7);
  const days = daysIn(input.month);
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        childId: inputRules.text(input.childId, 64, { required: true }),
        month: inputRules.month(input.month) || (input.month > thisMonth && `${input.month} is in the future`),
        schoolDays: inputRules.integer(input.schoolDays, 0, days),
        unexcusedDays: inputRules.integer(input.unexcusedDays, 0, days),
        excusedDays:
          inputRules.integer(input.excusedDays, 0, days) ||
          (input.unexcusedDays + input.excusedDays > input.schoolDays && `the absences (${input.unexcusedDays} + ${input.excusedDays} days) exceed the ${input.schoolDays} school days`),
      }),
    async execute(write) {
      const pupil = await pupilForWrite(write, context, input.childId);
      assertInput({ month: input.month < pupil.enrolled_on.slice(0, 7) && `is before the month the child enrolled at its school (${pupil.enrolled_on.slice(0, 7)})` });
      const attendance = await write.trx
        .insertInto('attendance')
        .values({ child_id: pupil.child_id, month: input.month, school_days: input.schoolDays, unexcused_days: input.unexcusedDays, excused_days: input.excusedDays })
        .onConflict((c) => c.columns(['child_id', 'month']).doNothing())
        .returningAll()
        .executeTakeFirst();
      assertInput({ month: !attendance && 'is recorded already for this child' });
      write.changed({
        record: 'AttendanceMonth',
        id: `${pupil.child_id}/${input.month}`,
        childId: pupil.child_id,
        change: 'created',
        fields: ['month', 'schoolDays', 'unexcusedDays', 'excusedDays'],
        fromVersion: null,
        toVersion: null,
      });
      return { attendance: attendance!, childId: pupil.child_id };
    },
  });
}

/** The days of a month 'YYYY-MM' (31 for a malformed one, which validate refuses anyway). */
function daysIn(month: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate() : 31;
}
