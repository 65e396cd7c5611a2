import { inScope, outsideJurisdiction, type Scope } from '@lbc/subgraph-kit';
import { sql, type RawBuilder } from 'kysely';
import type { PatientRow } from './db-types.ts';

/**
 * Health's row rule, as SQL over a patient row aliased `p`: the child lives in the
 * caller's region, or the caller is bound to the clinic that keeps the child's record
 * (a township health centre follows its patients wherever they live).
 */
export function patientInScope(scope: Scope): RawBuilder<boolean> {
  return inScope(scope, sql.ref('p.residence_code'), sql.ref('p.clinic_id'));
}

/** A patient row as a lookup loads it: with the rule already evaluated in the same statement. */
export type ScopedPatientRow = PatientRow & { in_scope: boolean };

/**
 * The answer to a lookup of one child or record: null when health does not know it, the
 * row when it is in scope, and otherwise a FORBIDDEN error, so the caller can tell "not
 * yours" from "no record". Async on purpose: in `_entities` a rejected promise nulls
 * only that entity, while a synchronous throw would fail the whole list.
 */
export async function authorizedPatient(row: Promise<ScopedPatientRow | null>, what: string): Promise<PatientRow | null> {
  const patient = await row;
  if (!patient) return null;
  if (!patient.in_scope) throw outsideJurisdiction(what);
  return patient;
}
