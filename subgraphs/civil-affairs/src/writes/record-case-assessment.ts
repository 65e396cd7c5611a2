import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { RecordCaseAssessmentInput } from '../generated/resolvers-types.ts';
import { moveCase } from './move-case.ts';
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
    execute: (write) =>
      moveCase(write, context, {
        caseId: input.caseId,
        expectedVersion: input.expectedVersion,
        action: 'assess',
        set: {
          assessment_safety: input.safety,
          assessment_guardianship: input.guardianship,
          assessment_health: input.health,
          assessment_summary: input.summary ?? null,
          assessed_on: todayInChina(),
        },
        fields: ['assessment'],
      }),
  });
}
