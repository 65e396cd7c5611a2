// What the seed reuses: completeness is counted one way, live or as seeded.
export { townCompleteness, type CompletenessCounts } from './completeness.ts';
export { submissionKey } from './submission-view.ts';
