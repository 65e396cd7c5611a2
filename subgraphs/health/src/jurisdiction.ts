import { inScope, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';

/**
 * Health's row rule, as SQL over a patient row aliased `p`: the child lives in the
 * caller's region, or the caller is bound to the clinic that keeps the child's record
 * (a township health centre follows its patients wherever they live).
 */
export function patientInScope(scope: Scope): RawBuilder<boolean> {
  return inScope(scope, sql.ref('p.residence_code'), sql.ref('p.clinic_id'));
}
