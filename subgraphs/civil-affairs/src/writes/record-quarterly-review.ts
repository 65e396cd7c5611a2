import { quarterBounds } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { QuarterlyReviewRow } from '../db-types.ts';
import type { RecordQuarterlyReviewInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import { assertReviewsOpen } from './quarter-lock.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordQuarterlyReviewResult {
  quarterlyReview: QuarterlyReviewRow;
  childId: string;
}

/**
 * The township's review of one child for one quarter (季度核查), for a child living in the
 * caller's jurisdiction. One per child and quarter: a second is refused, not merged, since
 * the first is what was reported upwards. Refused (INVALID_TRANSITION) once the township's
 * submission of the quarter is approved, until the county undoes the approval.
 */
export function recordQuarterlyReview(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordQuarterlyReviewInput): Promise<RecordQuarterlyReviewResult> {
  const today = todayInChina();
  return runWrite(context, info, {
    args: input,
    validate() {
      const quarter = inputRules.quarter(input.quarter);
      // A quarter is reviewed while it runs or after it, never ahead of it.
      const start = quarter ? undefined : quarterBounds(input.quarter).start;
      assertInput({
        quarter,
        reviewedOn: inputRules.notInFuture(input.reviewedOn, today) || inputRules.notBefore(input.reviewedOn, start, `the start of ${input.quarter}`),
        stillLeftBehind: input.outcome === 'EXITED' && input.stillLeftBehind && 'must be false when the outcome is EXITED',
      });
    },
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      assertInput({ quarter: quarterBounds(input.quarter).end < child.registered_on && `the child was registered on ${child.registered_on}, after ${input.quarter}` });
      // What the county approved stays as approved: the township's reviews of that quarter are locked.
      await assertReviewsOpen(write, child.village_code.slice(0, 9), input.quarter);
      const quarterlyReview = await write.trx
        .insertInto('quarterly_review')
        .values({ child_id: child.id, quarter: input.quarter, reviewed_on: input.reviewedOn, still_left_behind: input.stillLeftBehind, outcome: input.outcome })
        .onConflict((c) => c.columns(['child_id', 'quarter']).doNothing())
        .returningAll()
        .executeTakeFirst();
      assertInput({ quarter: !quarterlyReview && `the child has a review for ${input.quarter} already` });
      write.changed({
        record: 'QuarterlyReview',
        id: String(quarterlyReview!.id),
        childId: child.id,
        change: 'created',
        fields: ['quarter', 'reviewedOn', 'stillLeftBehind', 'outcome'],
        fromVersion: null,
        toVersion: null,
      });
      return { quarterlyReview: quarterlyReview!, childId: child.id };
    },
  });
}
