import type { GuardianWarningRow } from '../db-types.ts';

/** What a warning write's payload is resolved from (and a retry answered with): the warning as written, and its child. */
export interface GuardianWarningResult {
  warning: GuardianWarningRow;
  childId: string;
}
