import { badUserInput, unitAt } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffsResult } from '../resolvers/payloads.ts';
import type { ReportDropoutToAuthoritiesInput } from '../generated/resolvers-types.ts';
import { partyOf } from '../parties.ts';
import { childForHandoff, homeOf, openHandoffOf } from './child-for-handoff.ts';
import { sendHandoffs } from './send-handoffs.ts';

/**
 * 控辍保学: 对劝返无效的,应书面报告区教育局和相关镇 (S2 方案8). Two hand-offs: to the county
 * education bureau of the child's school, and to the township where the child lives (its
 * civil affairs, which the hub's township government is). The child's return to school,
 * recorded by education, closes both (the exchange's `dropout.returned`).
 */
export function reportDropoutToAuthorities(context: HandoffsContext, info: GraphQLResolveInfo, input: ReportDropoutToAuthoritiesInput): Promise<HandoffsResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ note: inputRules.text(input.note, 500) }),
    async execute(write) {
      const child = await childForHandoff(write, context, input.childId);
      const open = await openHandoffOf(write, child.child_id, 'DROPOUT_REPORT');
      if (open) throw badUserInput(`input.childId: the dropout of child ${child.child_id} is reported already (${open})`, { argumentName: 'input.childId', inResolver: true });
      const principal = context.principal;
      const common = { kind: 'DROPOUT_REPORT' as const, childId: child.child_id, from: partyOf(principal), fromSubject: principal.subject, reason: 'DROPPED_OUT', note: input.note };
      const rows = await sendHandoffs(write, [
        { ...common, to: unitAt('education', child.school_code ?? homeOf(child), 'county') },
        { ...common, to: unitAt('civil_affairs', homeOf(child), 'town') },
      ]);
      return { handoffIds: rows.map((r) => r.id), childId: child.child_id };
    },
  });
}
