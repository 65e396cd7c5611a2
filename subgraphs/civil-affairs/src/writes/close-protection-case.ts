import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { CloseProtectionCaseInput } from '../generated/resolvers-types.ts';
import { assertCaseAllows } from './case-transitions.ts';
import { caseUpdate, protectionCaseForWrite } from './protection-case-for-write.ts';
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
    async execute(write) {
      // The row as it was (locked). A stale version is a CONFLICT first, whatever else is wrong;
      // at the current one the workflow is checked before the update, which the table's rules would refuse.
      const before = await protectionCaseForWrite(write, context, input.caseId);
      const set = { status: 'CLOSED' as const, closed_on: todayInChina(), close_reason: input.reason };
      if (before.version === input.expectedVersion) assertCaseAllows(before, 'close');
      const versions = await updateVersioned(write, caseUpdate(context, input.caseId, input.expectedVersion, set));
      write.changed({
        record: 'ProtectionCase',
        id: String(before.id),
        childId: before.child_id,
        change: 'updated',
        fields: ['status', 'closedOn', 'closeReason'],
        ...versions,
      });
      return { protectionCase: { ...before, ...set, version: versions.toVersion }, childId: before.child_id };
    },
  });
}
