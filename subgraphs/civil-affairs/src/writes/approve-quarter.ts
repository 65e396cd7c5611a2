import { runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterSubmissionInput } from '../generated/resolvers-types.ts';
import { moveQuarter } from './move-quarter.ts';
import { assertQuarterInput } from './quarter-input.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/** County civil affairs approves a verified quarter: from now the township's reviews of it are locked (recordQuarterlyReview). */
export function approveQuarter(context: CivilAffairsContext, info: GraphQLResolveInfo, input: QuarterSubmissionInput): Promise<QuarterlySubmissionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertQuarterInput(input, false),
    execute: (write) => moveQuarter(write, context, { action: 'APPROVE', input, set: (_, __, now) => ({ approved_at: now }), fields: ['state', 'approvedAt'] }),
  });
}
