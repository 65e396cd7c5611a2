import { updateVersioned, type WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import type { CivilAffairsDB, ProtectionCaseRow } from '../db-types.ts';
import { assertCaseAllows, type CaseAction } from './case-transitions.ts';
import { caseUpdate, protectionCaseForWrite } from './protection-case-for-write.ts';
import type { ProtectionCaseResult } from './protection-case-result.ts';

/**
 * One step of a case's workflow (assess, approve, close) at the version the caller read:
 * the row is locked as it was; a stale version is a CONFLICT first, whatever else is wrong;
 * at the current one the workflow is checked before the update, which the table's rules
 * would refuse. Reports the change (`fields`) for the audit entry.
 */
export async function moveCase(
  write: WriteTransaction<CivilAffairsDB>,
  context: CivilAffairsContext,
  step: { caseId: string; expectedVersion: number; action: CaseAction; set: Partial<ProtectionCaseRow>; fields: string[] },
): Promise<ProtectionCaseResult> {
  const before = await protectionCaseForWrite(write, context, step.caseId);
  if (before.version === step.expectedVersion) assertCaseAllows(before, step.action);
  const versions = await updateVersioned(write, caseUpdate(context, step.caseId, step.expectedVersion, step.set));
  write.changed({ record: 'ProtectionCase', id: String(before.id), childId: before.child_id, change: 'updated', fields: step.fields, ...versions });
  return { protectionCase: { ...before, ...step.set, version: versions.toVersion }, childId: before.child_id };
}
