import { inScope, type ChildColumns, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Where health places a child, over a patient row aliased `p`: where the child lives, and
 * the clinic that keeps its record (a township health centre follows its patients wherever
 * they live). Lookups of one child apply the hub's one rule over these columns (the kit's
 * childInJurisdiction).
 */
export const PATIENT: ChildColumns = { place: 'p.residence_code', org: 'p.clinic_id', childId: 'p.child_id' };

/** Health's list scope: a clinic's patient list is filtered by health's own place and clinic alone, as every list is by its own place. */
export function patientListedInScope(scope: Scope): RawBuilder<boolean> {
  return inScope(scope, sql.ref('p.residence_code'), sql.ref('p.clinic_id'));
}
