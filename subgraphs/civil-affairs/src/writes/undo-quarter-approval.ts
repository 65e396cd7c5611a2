import { runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterDecisionInput } from '../generated/resolvers-types.ts';
import { moveQuarter } from './move-quarter.ts';
import { assertQuarterInput } from './quarter-input.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/**
 * Undoes the last upward step, with the reason: an acceptance (back to APPROVED), or an
 * approval (back to VERIFIED, which lifts the lock on the township's reviews).
 */
export function undoQuarterApproval(context: CivilAffairsContext, info: GraphQLResolveInfo, input: QuarterDecisionInput): Promise<QuarterlySubmissionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertQuarterInput(input, true),
    execute: (write) =>
      moveQuarter(write, context, {
        action: 'UNDO',
        input,
        set: (before) => (before.row?.state === 'ACCEPTED' ? { accepted_at: null } : { approved_at: null }),
        fields: (before) => ['state', before.row?.state === 'ACCEPTED' ? 'acceptedAt' : 'approvedAt'],
      }),
  });
}
