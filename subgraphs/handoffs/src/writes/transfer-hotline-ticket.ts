import { forbidden, invalidTransition } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffResult } from '../resolvers/payloads.ts';
import type { TransferHotlineTicketInput } from '../generated/resolvers-types.ts';
import { partyFromInput, partyOf, partyProblem } from '../parties.ts';
import { sendHandoffs } from './send-handoffs.ts';
import { ticketForWrite } from './ticket-for-write.ts';

/**
 * 12355: hands a ticket to the agency responsible where the matter is (联动办理). The receiver
 * must work at the matter's place or above it; a ticket may be transferred to several.
 */
export function transferHotlineTicket(context: HandoffsContext, info: GraphQLResolveInfo, input: TransferHotlineTicketInput): Promise<HandoffResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ to: partyProblem(input.to), note: inputRules.text(input.note, 500) }),
    async execute(write) {
      const ticket = await ticketForWrite(write, context, input.ticketId);
      if (ticket.status === 'CLOSED') throw invalidTransition(`hotline ticket ${ticket.id} is closed`, { state: 'CLOSED', action: 'transfer', allowedFrom: ['OPEN', 'TRANSFERRED'], inResolver: true });
      const to = partyFromInput(input.to);
      if (!ticket.region_code.startsWith(to.region)) {
        throw forbidden(`the receiver must work at ${ticket.region_code} or above it (the matter's place)`, { reason: 'OUTSIDE_JURISDICTION', inResolver: true });
      }
      const [transfer] = await sendHandoffs(write, [
        {
          kind: 'HOTLINE_TRANSFER',
          childId: ticket.child_id,
          ticketId: ticket.id,
          from: partyOf(context.principal),
          fromSubject: context.principal.subject,
          to,
          reason: ticket.situation ?? 'HOTLINE_CALL',
          note: input.note,
        },
      ]);
      const updated = await write.trx
        .updateTable('hotline_ticket')
        .set({ status: 'TRANSFERRED', version: ticket.version + 1 })
        .where('id', '=', ticket.id)
        .returning('version')
        .executeTakeFirstOrThrow();
      write.changed({ record: 'HotlineTicket', id: ticket.id, childId: ticket.child_id, change: 'updated', fields: ['status'], fromVersion: ticket.version, toVersion: updated.version });
      return { handoffId: transfer!.id, childId: ticket.child_id };
    },
  });
}
