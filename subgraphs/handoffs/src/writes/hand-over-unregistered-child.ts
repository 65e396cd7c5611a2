import { badUserInput } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffResult } from '../resolvers/payloads.ts';
import type { HandOverUnregisteredChildInput } from '../generated/resolvers-types.ts';
import { partyOf } from '../parties.ts';
import { childForHandoff, openHandoffOf } from './child-for-handoff.ts';
import { sendHandoffs } from './send-handoffs.ts';

/**
 * 无户籍: civil affairs hands a child without household registration to the police at its
 * own level (S1: 通报给同级公安机关). The exchange carries it to the police, who list it as
 * pending; the ID number they issue closes the hand-off (`identity.issued`). A child whose
 * household the hub knows is registered, and refused.
 */
export function handOverUnregisteredChild(context: HandoffsContext, info: GraphQLResolveInfo, input: HandOverUnregisteredChildInput): Promise<HandoffResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ note: inputRules.text(input.note, 500) }),
    async execute(write) {
      const child = await childForHandoff(write, context, input.childId);
      const refuse = (why: string) => badUserInput(`input.childId: ${why}`, { argumentName: 'input.childId', inResolver: true });
      if (child.registration_code) throw refuse(`child ${child.child_id} has a household registration`);
      if (!child.residence_code) throw refuse(`the hub knows no residence of child ${child.child_id}`);
      const open = await openHandoffOf(write, child.child_id, 'UNREGISTERED_HANDOVER');
      if (open) throw refuse(`child ${child.child_id} is handed over already (${open})`);
      const principal = context.principal;
      const [handover] = await sendHandoffs(write, [
        {
          kind: 'UNREGISTERED_HANDOVER',
          childId: child.child_id,
          from: partyOf(principal),
          fromSubject: principal.subject,
          to: { agency: 'police', level: principal.level, region: principal.region, org: null },
          reason: 'UNREGISTERED',
          note: input.note,
        },
      ]);
      write.publish({ childId: child.child_id, kind: 'handoff.unregistered', payload: { villageCode: child.residence_code, reportedOn: todayInChina(), handoffId: handover!.id } });
      return { handoffId: handover!.id, childId: child.child_id };
    },
  });
}
