import { runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterDecisionInput } from '../generated/resolvers-types.ts';
import { moveQuarter } from './move-quarter.ts';
import { assertQuarterInput } from './quarter-input.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/**
 * Sends a quarter back to the township with the reason. The verifications (and an approval
 * or acceptance) go with it: what the township submits again is checked again.
 */
export function returnQuarter(context: CivilAffairsContext, info: GraphQLResolveInfo, input: QuarterDecisionInput): Promise<QuarterlySubmissionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertQuarterInput(input, true),
    execute: (write) =>
      moveQuarter(write, context, {
        action: 'RETURN',
        input,
        set: () => ({ returned_reason: input.reason, education_verified_at: null, police_verified_at: null, approved_at: null, accepted_at: null }),
        fields: ['state', 'returnedReason', 'verifiedBy', 'approvedAt', 'acceptedAt'],
      }),
  });
}
