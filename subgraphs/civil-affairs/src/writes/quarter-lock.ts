import { invalidTransition, LOCKED_QUARTER_STATES, QUARTER_STATES } from '@lbc/schema';
import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsDB } from '../db-types.ts';

const UNLOCKED = QUARTER_STATES.filter((state) => !LOCKED_QUARTER_STATES.includes(state));

/**
 * Refuses a write to the township's reviews of a quarter the county has approved (or the city
 * accepted): INVALID_TRANSITION, thrown inside the write so nothing is written. The
 * submission row is read FOR SHARE: a step that moves it (which locks it FOR UPDATE) waits
 * for this write, or this write for it, so a review cannot slip in beside an approval.
 */
export async function assertReviewsOpen(write: WriteTransaction<CivilAffairsDB>, townCode: string, quarter: string): Promise<void> {
  const submission = await write.trx.selectFrom('quarterly_submission').select('state').where('town_code', '=', townCode).where('quarter', '=', quarter).forShare().executeTakeFirst();
  if (!submission || !LOCKED_QUARTER_STATES.includes(submission.state)) return;
  const undo = submission.state === 'ACCEPTED' ? 'the city must undo the acceptance, then the county the approval, first' : 'the county must undo the approval first';
  throw invalidTransition(`${quarter} is ${submission.state.toLowerCase()} for township ${townCode}: ${undo}`, {
    state: submission.state,
    action: 'recordQuarterlyReview',
    allowedFrom: UNLOCKED,
    inResolver: true,
  });
}
