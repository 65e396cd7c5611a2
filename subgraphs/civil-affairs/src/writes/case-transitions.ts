import { invalidTransition } from '@lbc/schema';
import type { ProtectionCaseRow } from '../db-types.ts';

/** Where a case stands in its workflow: open and not yet assessed, assessed, assessment approved, closed. */
export type CaseStage = 'UNASSESSED' | 'ASSESSED' | 'APPROVED' | 'CLOSED';
export type CaseAction = 'assess' | 'approve' | 'close';

/**
 * THE workflow of a case: an open case is assessed (again, while unapproved), the county
 * approves the assessment, then closes the case. An approved assessment is fixed; a
 * closed case takes nothing more.
 */
const ALLOWED_FROM: Record<CaseAction, readonly CaseStage[]> = {
  assess: ['UNASSESSED', 'ASSESSED'],
  approve: ['ASSESSED'],
  close: ['APPROVED'],
};

const REFUSAL: Record<CaseStage, string> = {
  UNASSESSED: 'has no assessment yet',
  ASSESSED: 'has an assessment not yet approved',
  APPROVED: 'has an approved assessment, which is fixed',
  CLOSED: 'is closed',
};

export function caseStage(row: Pick<ProtectionCaseRow, 'status' | 'assessed_on' | 'assessment_approved_on'>): CaseStage {
  if (row.status === 'CLOSED') return 'CLOSED';
  if (row.assessment_approved_on !== null) return 'APPROVED';
  return row.assessed_on !== null ? 'ASSESSED' : 'UNASSESSED';
}

/** Refuses `action` on a case whose stage does not allow it: INVALID_TRANSITION, thrown inside the write so nothing is written. */
export function assertCaseAllows(row: ProtectionCaseRow, action: CaseAction): void {
  const stage = caseStage(row);
  const allowedFrom = ALLOWED_FROM[action];
  if (!allowedFrom.includes(stage)) {
    throw invalidTransition(`protection case ${row.id} ${REFUSAL[stage]}: it cannot be ${PAST[action]}`, { state: stage, action, allowedFrom: [...allowedFrom], inResolver: true });
  }
}

const PAST: Record<CaseAction, string> = { assess: 'assessed', approve: 'approved', close: 'closed' };
