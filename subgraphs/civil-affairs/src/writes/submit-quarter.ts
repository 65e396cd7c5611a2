import { submittedLate } from '@lbc/schema';
import { runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterSubmissionInput } from '../generated/resolvers-types.ts';
import { townCompleteness } from '../quarterly/completeness.ts';
import { quarterSubmissionDays } from '../quarterly/submission-days.ts';
import { submissionKey } from '../quarterly/submission-view.ts';
import { moveQuarter } from './move-quarter.ts';
import { assertQuarterInput } from './quarter-input.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/**
 * The township submits its quarter (or submits it again after a return). What it submits is
 * its reviews as they are now: the completeness counts are kept with the submission, and
 * verifications start over. Timeliness is judged once, on the first submission.
 */
export function submitQuarter(context: CivilAffairsContext, info: GraphQLResolveInfo, input: QuarterSubmissionInput): Promise<QuarterlySubmissionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertQuarterInput(input, false),
    execute: (write) =>
      moveQuarter(write, context, {
        action: 'SUBMIT',
        input,
        async set(before, _, now) {
          const [counts] = await townCompleteness(write.trx, [submissionKey(input.townCode, input.quarter)]);
          return {
            first_submitted_at: before.row?.first_submitted_at ?? now,
            submitted_at: now,
            submitted_late: before.row?.submitted_late ?? submittedLate(input.quarter, now, quarterSubmissionDays()),
            education_verified_at: null,
            police_verified_at: null,
            approved_at: null,
            accepted_at: null,
            returned_reason: null,
            reviewed_children: counts?.reviewed ?? 0,
            expected_children: counts?.expected ?? 0,
          };
        },
        // A resubmission keeps the first submission's time and timeliness, and clears what the return cleared.
        fields: (before) => (before.row ? ['state', 'submittedAt', 'completeness', 'returnedReason'] : ['state', 'firstSubmittedAt', 'submittedAt', 'submittedLate', 'completeness']),
      }),
  });
}
