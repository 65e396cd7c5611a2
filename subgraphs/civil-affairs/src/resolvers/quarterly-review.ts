import type { QuarterlyReviewResolvers } from '../generated/resolvers-types.ts';

export const QuarterlyReview: QuarterlyReviewResolvers = {
  id: (review) => String(review.id),
  reviewedOn: (review) => review.reviewed_on,
  stillLeftBehind: (review) => review.still_left_behind,
};
