import type { ChildFields, FieldRead } from '@lbc/audit/store';

/** A value the response carries masked: where, which field, by which rule. */
export interface MaskedValue {
  path: (string | number)[];
  coordinate: string;
  rule: string;
}

/** What one response disclosed, as the apply-access walk found it: what the audit records. */
export interface Disclosure {
  masked: MaskedValue[];
  /** Per child, every field that carried a value (masked or in full). */
  children: ChildFields[];
  /** Fields returned that belong to no child (regions, schools …). */
  otherFields: FieldRead[];
}
