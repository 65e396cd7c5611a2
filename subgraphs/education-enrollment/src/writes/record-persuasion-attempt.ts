import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { EducationContext } from '../context.ts';
import type { RecordPersuasionAttemptInput } from '../generated/resolvers-types.ts';
import type { DropoutReportResult } from './dropout-report-result.ts';
import { dropoutReportUpdate, openReportForWrite, reportAfterWrite } from './dropout-report-for-write.ts';
import { recordIdProblem } from './record-id.ts';

/**
 * A visit to persuade the child back to school (劝返) on an open report. The report is
 * PERSUADING while the school keeps trying, REFERRED once it has failed and the school has
 * reported in writing to the county bureau and the township; a referred report stays so
 * (later visits are counted) until the child returns.
 */
export function recordPersuasionAttempt(context: EducationContext, info: GraphQLResolveInfo, input: RecordPersuasionAttemptInput): Promise<DropoutReportResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        reportId: recordIdProblem(input.reportId),
        expectedVersion: inputRules.version(input.expectedVersion),
        attemptedOn: inputRules.notInFuture(input.attemptedOn, todayInChina()),
        status: input.status !== 'PERSUADING' && input.status !== 'REFERRED' && 'must be PERSUADING or REFERRED (a return is recordReturnToSchool)',
      }),
    async execute(write) {
      const report = await openReportForWrite(write, context, input.reportId, input.expectedVersion);
      assertInput({
        attemptedOn:
          inputRules.notBefore(input.attemptedOn, report.reported_on, 'the day the dropout was reported') ||
          inputRules.notBefore(input.attemptedOn, report.last_persuasion_on, 'the last attempt recorded'),
        status: report.status === 'REFERRED' && input.status === 'PERSUADING' && 'the report was referred already: it stays REFERRED until the child returns',
      });
      const versions = await updateVersioned(
        write,
        dropoutReportUpdate(context, input.reportId, input.expectedVersion, { status: input.status, persuasion_attempts: sql`persuasion_attempts + 1`, last_persuasion_on: input.attemptedOn }),
      );
      write.changed({
        record: 'DropoutReport',
        id: String(report.id),
        childId: report.child_id,
        change: 'updated',
        fields: ['status', 'persuasionAttempts', 'lastPersuasionOn'],
        ...versions,
      });
      return { dropoutReport: await reportAfterWrite(write, input.reportId), childId: report.child_id };
    },
  });
}
