import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { RecordCaseAssessmentInput } from '../generated/resolvers-types.ts';
import { assertCaseAllows } from './case-transitions.ts';
import { caseUpdate, protectionCaseForWrite } from './protection-case-for-write.ts';
import type { ProtectionCaseResult } from './protection-case-result.ts';
import { recordIdProblem } from './record-id.ts';

/**
 * Records the assessment of an open case (人身安全, 监护, 身心健康), dated today, at the
 * case version read. It replaces an assessment not yet approved; an approved one is fixed.
 */
export function recordCaseAssessment(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordCaseAssessmentInput): Promise<ProtectionCaseResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        caseId: recordIdProblem(input.caseId, 'protection case'),
        expectedVersion: inputRules.version(input.expectedVersion),
        summary: inputRules.text(input.summary, 2000),
      }),
    async execute(write) {
      // The row as it was (locked). A stale version is a CONFLICT first, whatever else is wrong;
      // at the current one the workflow is checked before the update, which the table's rules would refuse.
      const before = await protectionCaseForWrite(write, context, input.caseId);
      const set = {
        assessment_safety: input.safety,
        assessment_guardianship: input.guardianship,
        assessment_health: input.health,
        assessment_summary: input.summary ?? null,
        assessed_on: todayInChina(),
      };
      if (before.version === input.expectedVersion) assertCaseAllows(before, 'assess');
      const versions = await updateVersioned(write, caseUpdate(context, input.caseId, input.expectedVersion, set));
      write.changed({
        record: 'ProtectionCase',
        id: String(before.id),
        childId: before.child_id,
        change: 'updated',
        fields: ['assessment'],
        ...versions,
      });
      return { protectionCase: { ...before, ...set, version: versions.toVersion }, childId: before.child_id };
    },
  });
}
