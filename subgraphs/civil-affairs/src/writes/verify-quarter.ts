import { runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterSubmissionInput } from '../generated/resolvers-types.ts';
import { moveQuarter } from './move-quarter.ts';
import { assertQuarterInput } from './quarter-input.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/** The county education bureau or police branch verifies its slice of a submitted quarter; the second verification makes it VERIFIED. */
export function verifyQuarter(context: CivilAffairsContext, info: GraphQLResolveInfo, input: QuarterSubmissionInput): Promise<QuarterlySubmissionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertQuarterInput(input, false),
    execute: (write) =>
      moveQuarter(write, context, {
        action: 'VERIFY',
        input,
        // quarterStep lets only education and police verify: the column is the caller's agency's.
        set: (_, __, now) => (context.principal.agency === 'education' ? { education_verified_at: now } : { police_verified_at: now }),
        fields: ['state', 'verifiedBy'],
      }),
  });
}
