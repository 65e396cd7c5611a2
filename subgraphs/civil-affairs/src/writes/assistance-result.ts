import type { AssistanceRow } from '../db-types.ts';

/** What an assistance write's payload is resolved from (and a retry answered with): the row as written, and its child. */
export interface AssistanceResult {
  assistance: AssistanceRow;
  childId: string;
}
