import type { AdminLevel } from '../identifiers/division-code.ts';
import type { Agency } from '../principal.ts';

/**
 * A township's quarterly submission (每季度更新报送), as the seeds describe it: the township
 * submits its children for the quarter; the county education bureau and police branch each
 * verify their slice (核实更新), in either order; county civil affairs approves; the city may
 * accept. A township that has not submitted is OPEN (no row is needed for that).
 */
export const QUARTER_STATES = ['OPEN', 'SUBMITTED', 'VERIFIED', 'APPROVED', 'ACCEPTED', 'RETURNED'] as const;
export type QuarterState = (typeof QUARTER_STATES)[number];

/** What a caller may do to a submission. Each is one mutation. */
export const QUARTER_ACTIONS = ['SUBMIT', 'VERIFY', 'APPROVE', 'ACCEPT', 'RETURN', 'UNDO'] as const;
export type QuarterAction = (typeof QUARTER_ACTIONS)[number];

/** The agencies whose county bureaus verify a township's quarter before civil affairs approves it. */
export const QUARTER_VERIFIERS = ['education', 'police'] as const satisfies readonly Agency[];
export type QuarterVerifier = (typeof QUARTER_VERIFIERS)[number];

/** Approved and accepted quarters lock the township's reviews for that quarter. */
export const LOCKED_QUARTER_STATES: readonly QuarterState[] = ['APPROVED', 'ACCEPTED'];

/** Who acts: enough of a principal to place it in the cycle. */
export interface QuarterActor {
  agency: Agency;
  level: AdminLevel;
  /** The caller's division code (2, 4, 6, 9 or 12 digits). */
  region: string;
}

/** A submission as far as the rules of the cycle are concerned. */
export interface QuarterSubmissionState {
  /** The township's 9-digit code. */
  townCode: string;
  state: QuarterState;
  verifiedBy: readonly QuarterVerifier[];
}
