import type { QuarterState, QuarterSubmissionState, QuarterVerifier } from '@lbc/schema';
import type { QuarterlySubmissionRow } from '../db-types.ts';

/**
 * What a QuarterlySubmission resolves from: the township and quarter, and the row when the
 * township has submitted (null: OPEN, nothing recorded yet). Plain JSON, so a write's
 * result can be kept and answered again for a retry (timestamps then come back as strings).
 */
export interface QuarterSubmissionView {
  townCode: string;
  quarter: string;
  row: QuarterlySubmissionRow | null;
}

/** The key a submission is loaded and batched by. */
export function submissionKey(townCode: string, quarter: string): string {
  return `${townCode}|${quarter}`;
}

/** Splits a submissionKey back into its township and quarter. */
export function splitSubmissionKey(key: string): { townCode: string; quarter: string } {
  const [townCode = '', quarter = ''] = key.split('|');
  return { townCode, quarter };
}

/** The agencies whose verification the row records. */
export function verifiedByOf(row: Pick<QuarterlySubmissionRow, 'education_verified_at' | 'police_verified_at'> | null): QuarterVerifier[] {
  if (!row) return [];
  return [...(row.education_verified_at !== null ? (['education'] as const) : []), ...(row.police_verified_at !== null ? (['police'] as const) : [])];
}

/** The submission as the rules of the cycle (quarterStep) see it. */
export function cycleStateOf(view: QuarterSubmissionView): QuarterSubmissionState {
  return { townCode: view.townCode, state: stateOf(view.row), verifiedBy: verifiedByOf(view.row) };
}

/** A missing row is a township that has not submitted: OPEN. */
export function stateOf(row: Pick<QuarterlySubmissionRow, 'state'> | null): QuarterState {
  return row?.state ?? 'OPEN';
}
