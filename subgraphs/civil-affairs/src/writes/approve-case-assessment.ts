import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ApproveCaseAssessmentInput } from '../generated/resolvers-types.ts';
import { assertCaseAllows } from './case-transitions.ts';
import { caseUpdate, protectionCaseForWrite } from './protection-case-for-write.ts';
import type { ProtectionCaseResult } from './protection-case-result.ts';
import { recordIdProblem } from './record-id.ts';

/** The county approves the assessment of an open case (today), at the case version read: from then on the assessment is fixed. */
export function approveCaseAssessment(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ApproveCaseAssessmentInput): Promise<ProtectionCaseResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ caseId: recordIdProblem(input.caseId, 'protection case'), expectedVersion: inputRules.version(input.expectedVersion) }),
    async execute(write) {
      // The row as it was (locked). A stale version is a CONFLICT first, whatever else is wrong;
      // at the current one the workflow is checked before the update, which the table's rules would refuse.
      const before = await protectionCaseForWrite(write, context, input.caseId);
      const set = { assessment_approved_on: todayInChina() };
      if (before.version === input.expectedVersion) assertCaseAllows(before, 'approve');
      const versions = await updateVersioned(write, caseUpdate(context, input.caseId, input.expectedVersion, set));
      write.changed({ record: 'ProtectionCase', id: String(before.id), childId: before.child_id, change: 'updated', fields: ['assessment'], ...versions });
      return { protectionCase: { ...before, ...set, version: versions.toVersion }, childId: before.child_id };
    },
  });
}
