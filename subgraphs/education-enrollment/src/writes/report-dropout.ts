import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { EducationContext } from '../context.ts';
import type { ReportDropoutInput } from '../generated/resolvers-types.ts';
import type { DropoutReportResult } from './dropout-report-result.ts';
import { pupilForWrite } from './pupil-for-write.ts';

/**
 * Reports that a pupil enrolled now at a school of the caller's jurisdiction dropped out
 * (控辍保学): a REPORTED report filed by the child's school. A child has one open report at
 * a time (a unique index too): persuasion and the return act on it.
 */
export function reportDropout(context: EducationContext, info: GraphQLResolveInfo, input: ReportDropoutInput): Promise<DropoutReportResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        childId: inputRules.text(input.childId, 64, { required: true }),
        reportedOn: inputRules.notInFuture(input.reportedOn, todayInChina()),
        reason: inputRules.text(input.reason, 500, { required: true }),
      }),
    async execute(write) {
      const pupil = await pupilForWrite(write, context, input.childId);
      const reports = await write.trx.selectFrom('dropout_report').select(['status', 'returned_on']).where('child_id', '=', pupil.child_id).execute();
      const lastReturnedOn = reports.reduce<string | null>((last, r) => (r.returned_on && (!last || r.returned_on > last) ? r.returned_on : last), null);
      assertInput({
        childId: reports.some((r) => r.status !== 'RETURNED') && 'has an open dropout report already (recordPersuasionAttempt, recordReturnToSchool)',
        // Reports are ordered by date: a new one dated before the last return would not be the child's latest.
        reportedOn:
          inputRules.notBefore(input.reportedOn, pupil.enrolled_on, 'the day the child enrolled at its school') ||
          inputRules.notBefore(input.reportedOn, lastReturnedOn, 'the day the child returned after its last report'),
      });
      const dropoutReport = await write.trx
        .insertInto('dropout_report')
        .values({ child_id: pupil.child_id, school_id: pupil.school_id, reported_on: input.reportedOn, reason: input.reason, status: 'REPORTED', returned_on: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'DropoutReport',
        id: String(dropoutReport.id),
        childId: pupil.child_id,
        change: 'created',
        fields: ['school', 'reportedOn', 'reason', 'status'],
        fromVersion: null,
        toVersion: dropoutReport.version,
      });
      return { dropoutReport, childId: pupil.child_id };
    },
  });
}
