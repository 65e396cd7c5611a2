import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ApproveCaseAssessmentInput } from '../generated/resolvers-types.ts';
import { moveCase } from './move-case.ts';
import type { ProtectionCaseResult } from './protection-case-result.ts';
import { recordIdProblem } from './record-id.ts';

/** The county approves the assessment of an open case (today), at the case version read: from then on the assessment is fixed. */
export function approveCaseAssessment(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ApproveCaseAssessmentInput): Promise<ProtectionCaseResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ caseId: recordIdProblem(input.caseId, 'protection case'), expectedVersion: inputRules.version(input.expectedVersion) }),
    execute: (write) =>
      moveCase(write, context, { caseId: input.caseId, expectedVersion: input.expectedVersion, action: 'approve', set: { assessment_approved_on: todayInChina() }, fields: ['assessment'] }),
  });
}
