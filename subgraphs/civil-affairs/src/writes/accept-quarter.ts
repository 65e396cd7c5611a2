import { runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterSubmissionInput } from '../generated/resolvers-types.ts';
import { moveQuarter } from './move-quarter.ts';
import { assertQuarterInput } from './quarter-input.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/** City civil affairs accepts an approved quarter: the optional second step above the county. */
export function acceptQuarter(context: CivilAffairsContext, info: GraphQLResolveInfo, input: QuarterSubmissionInput): Promise<QuarterlySubmissionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertQuarterInput(input, false),
    execute: (write) => moveQuarter(write, context, { action: 'ACCEPT', input, set: (_, __, now) => ({ accepted_at: now }), fields: ['state', 'acceptedAt'] }),
  });
}
