import { invalidTransition } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { TicketResult } from '../resolvers/payloads.ts';
import type { FollowUpHotlineTicketInput } from '../generated/resolvers-types.ts';
import { appendFollowUp } from './append-follow-up.ts';
import { ticketForWrite } from './ticket-for-write.ts';

/** 12355: a follow-up (回访) on a ticket that is not closed: appended, never edited. */
export function followUpHotlineTicket(context: HandoffsContext, info: GraphQLResolveInfo, input: FollowUpHotlineTicketInput): Promise<TicketResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ note: inputRules.text(input.note, 1000, { required: true }) }),
    async execute(write) {
      const ticket = await ticketForWrite(write, context, input.ticketId);
      if (ticket.status === 'CLOSED') throw invalidTransition(`hotline ticket ${ticket.id} is closed`, { state: 'CLOSED', action: 'followUp', allowedFrom: ['OPEN', 'TRANSFERRED'], inResolver: true });
      await appendFollowUp(write, ticket, context.principal.subject, input.note);
      return { ticketId: ticket.id, childId: ticket.child_id };
    },
  });
}
