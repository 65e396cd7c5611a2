/**
 * Every field of the graph belongs to exactly one class; who may read it follows from the
 * class, the caller and the purpose (see decide.ts). The six child-data classes come first,
 * ordered from least to most guarded; then the hub's own records: AUDIT (the access log,
 * for auditors only) and SELF (what concerns the caller itself: how its access is
 * decided, notices addressed to its agency).
 */
export const FIELD_CLASSES = ['AGGREGATE', 'BASIC', 'CONTACT', 'IDENTIFIER', 'PROTECTIVE', 'SENSITIVE', 'AUDIT', 'SELF'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

/** Why a request is made (header `x-lbc-purpose`): access depends on it, and the audit records it. */
export const PURPOSES = ['CASE_MANAGEMENT', 'ASSESSMENT', 'EMERGENCY', 'DROPOUT_RETURN', 'HOUSEHOLD_REGISTRATION', 'STATISTICS', 'SUPERVISION'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Validates a purpose header value; a request without a valid purpose is refused, so the message lists the valid ones. */
export function parsePurpose(raw: string | undefined): Purpose {
  if (raw === undefined || raw === '') throw new RangeError(`a purpose is required (header x-lbc-purpose: one of ${PURPOSES.join(', ')})`);
  if (!PURPOSES.includes(raw as Purpose)) throw new RangeError(`unknown purpose "${raw.slice(0, 40)}": expected one of ${PURPOSES.join(', ')}`);
  return raw as Purpose;
}
