import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { CloseProtectionCaseInput } from '../generated/resolvers-types.ts';
import { moveCase } from './move-case.ts';
import type { ProtectionCaseResult } from './protection-case-result.ts';
import { recordIdProblem } from './record-id.ts';

/** The county closes a case whose assessment it approved (today, with the reason), at the case version read. */
export function closeProtectionCase(context: CivilAffairsContext, info: GraphQLResolveInfo, input: CloseProtectionCaseInput): Promise<ProtectionCaseResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        caseId: recordIdProblem(input.caseId, 'protection case'),
        expectedVersion: inputRules.version(input.expectedVersion),
        reason: inputRules.text(input.reason, 2000, { required: true }),
      }),
    execute: (write) =>
      moveCase(write, context, {
        caseId: input.caseId,
        expectedVersion: input.expectedVersion,
        action: 'close',
        set: { status: 'CLOSED', closed_on: todayInChina(), close_reason: input.reason },
        fields: ['status', 'closedOn', 'closeReason'],
      }),
  });
}
