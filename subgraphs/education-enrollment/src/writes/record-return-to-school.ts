import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { EducationContext } from '../context.ts';
import type { RecordReturnToSchoolInput } from '../generated/resolvers-types.ts';
import type { DropoutReportResult } from './dropout-report-result.ts';
import { dropoutReportUpdate, openReportForWrite, reportAfterWrite } from './dropout-report-for-write.ts';
import { recordIdProblem } from './record-id.ts';

/**
 * Closes an open dropout report: the child is back at school (复学), and the report RETURNED.
 * Publishes `dropout.returned` in the same transaction, so the event exists exactly when the return committed.
 */
export function recordReturnToSchool(context: EducationContext, info: GraphQLResolveInfo, input: RecordReturnToSchoolInput): Promise<DropoutReportResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        reportId: recordIdProblem(input.reportId),
        expectedVersion: inputRules.version(input.expectedVersion),
        returnedOn: inputRules.notInFuture(input.returnedOn, todayInChina()),
      }),
    async execute(write) {
      const report = await openReportForWrite(write, context, input.reportId, input.expectedVersion);
      assertInput({
        returnedOn:
          inputRules.notBefore(input.returnedOn, report.reported_on, 'the day the dropout was reported') ||
          inputRules.notBefore(input.returnedOn, report.last_persuasion_on, 'the last persuasion attempt recorded'),
      });
      const versions = await updateVersioned(write, dropoutReportUpdate(context, input.reportId, input.expectedVersion, { status: 'RETURNED', returned_on: input.returnedOn }));
      write.changed({ record: 'DropoutReport', id: String(report.id), childId: report.child_id, change: 'updated', fields: ['status', 'returnedOn'], ...versions });
      // The hand-off subgraph closes the written reports about this dropout when it hears of the return.
      write.publish({ childId: report.child_id, kind: 'dropout.returned', payload: { returnedOn: input.returnedOn } });
      return { dropoutReport: await reportAfterWrite(write, input.reportId), childId: report.child_id };
    },
  });
}
