import type { QuarterSubmissionView } from '../quarterly/submission-view.ts';

/** What a quarterly-submission step's payload is resolved from (and a retry answered with): the submission as written. */
export interface QuarterlySubmissionResult {
  submission: QuarterSubmissionView;
}
