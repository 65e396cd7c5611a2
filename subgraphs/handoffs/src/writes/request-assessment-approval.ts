import { badUserInput, unitAt } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffResult } from '../resolvers/payloads.ts';
import type { RequestAssessmentApprovalInput } from '../generated/resolvers-types.ts';
import { partyOf } from '../parties.ts';
import { childForHandoff, openHandoffOf } from './child-for-handoff.ts';
import { sendHandoffs } from './send-handoffs.ts';

/** A civil-affairs protection case id as that subgraph issues them (digits). */
export const CASE_ID = /^\d{1,18}$/;

/**
 * 评估帮扶: the township sends its assessment to the county civil affairs above it for
 * approval. One open request per case: a second while the first runs is refused.
 */
export function requestAssessmentApproval(context: HandoffsContext, info: GraphQLResolveInfo, input: RequestAssessmentApprovalInput): Promise<HandoffResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ caseId: !CASE_ID.test(input.caseId) && 'must be a protection case id', note: inputRules.text(input.note, 500) }),
    async execute(write) {
      const child = await childForHandoff(write, context, input.childId);
      const open = await openHandoffOf(write, child.child_id, 'ASSESSMENT', input.caseId);
      if (open) throw badUserInput(`input.caseId: approval of case ${input.caseId} is requested already (${open})`, { argumentName: 'input.caseId', inResolver: true });
      const principal = context.principal;
      const [request] = await sendHandoffs(write, [
        {
          kind: 'ASSESSMENT',
          childId: child.child_id,
          caseId: input.caseId,
          from: partyOf(principal),
          fromSubject: principal.subject,
          to: unitAt('civil_affairs', principal.region, 'county'),
          reason: 'ASSESSMENT_FOR_APPROVAL',
          note: input.note,
        },
      ]);
      return { handoffId: request!.id, childId: child.child_id };
    },
  });
}
