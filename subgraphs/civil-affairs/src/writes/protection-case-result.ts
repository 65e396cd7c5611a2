import type { ProtectionCaseRow } from '../db-types.ts';

/** What a protection-case write's payload is resolved from (and a retry answered with): the case as written, and its child. */
export interface ProtectionCaseResult {
  protectionCase: ProtectionCaseRow;
  childId: string;
}
