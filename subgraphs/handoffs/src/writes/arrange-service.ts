import { forbidden } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffResult } from '../resolvers/payloads.ts';
import type { ArrangeServiceInput } from '../generated/resolvers-types.ts';
import { partyFromInput, partyOf, partyProblem } from '../parties.ts';
import { childForHandoff } from './child-for-handoff.ts';
import { CASE_ID } from './request-assessment-approval.ts';
import { sendHandoffs } from './send-handoffs.ts';

/**
 * 评估帮扶: one service for a child of a protection case, handed to its provider with a due
 * date (the end of that day in China; the service clock's target when none is given). The
 * provider must work in the same county as the case: services are arranged locally.
 */
export function arrangeService(context: HandoffsContext, info: GraphQLResolveInfo, input: ArrangeServiceInput): Promise<HandoffResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        caseId: !CASE_ID.test(input.caseId) && 'must be a protection case id',
        provider: partyProblem(input.provider),
        dueOn: input.dueOn != null && input.dueOn < todayInChina() && `${input.dueOn} is in the past`,
        note: inputRules.text(input.note, 500),
      }),
    async execute(write) {
      const child = await childForHandoff(write, context, input.childId);
      const principal = context.principal;
      const provider = partyFromInput(input.provider);
      const county = principal.region.slice(0, 6);
      if (!provider.region.startsWith(county) && !county.startsWith(provider.region)) {
        throw forbidden(`the provider must work in county ${county} or above it`, { reason: 'OUTSIDE_JURISDICTION', inResolver: true });
      }
      const [service] = await sendHandoffs(write, [
        {
          kind: 'SERVICE',
          childId: child.child_id,
          caseId: input.caseId,
          service: input.service,
          from: partyOf(principal),
          fromSubject: principal.subject,
          to: provider,
          reason: 'SERVICE_NEEDED',
          note: input.note,
          requestedDueAt: input.dueOn ? new Date(`${input.dueOn}T23:59:59.999+08:00`) : null,
        },
      ]);
      return { handoffId: service!.id, childId: child.child_id };
    },
  });
}
