import { inScope, recordForWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { HealthContext } from '../context.ts';
import type { HealthDB, PatientRow } from '../db-types.ts';

/**
 * The health record a write appends to, locked until the write commits, and only if it is
 * the caller's to write: health writes by its own places of the child, the residence the
 * record gives and the clinic that keeps it (clinic staff write for their clinic's
 * patients wherever they live), not by places other agencies publish. An unknown child
 * is NOT_FOUND, one outside the jurisdiction FORBIDDEN; both inside the transaction, so
 * nothing is written.
 */
export async function patientForWrite(write: WriteTransaction<HealthDB>, context: HealthContext, childId: string): Promise<PatientRow> {
  const row = await write.trx
    .selectFrom('patient as p')
    .selectAll('p')
    .select(inScope(context.loaders.scope, sql.ref('p.residence_code'), sql.ref('p.clinic_id')).as('in_scope'))
    .where('p.child_id', '=', childId)
    .forUpdate()
    .executeTakeFirst();
  return recordForWrite(row, `child ${childId}`, `no health record for child ${childId}`);
}
