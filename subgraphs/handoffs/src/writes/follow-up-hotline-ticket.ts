import { invalidTransition } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { TicketResult } from '../resolvers/payloads.ts';
import type { FollowUpHotlineTicketInput } from '../generated/resolvers-types.ts';
import { ticketForWrite } from './ticket-for-write.ts';

/** 12355: a follow-up (回访) on a ticket that is not closed: appended, never edited. */
export function followUpHotlineTicket(context: HandoffsContext, info: GraphQLResolveInfo, input: FollowUpHotlineTicketInput): Promise<TicketResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ note: inputRules.text(input.note, 1000, { required: true }) }),
    async execute(write) {
      const ticket = await ticketForWrite(write, context, input.ticketId);
      if (ticket.status === 'CLOSED') throw invalidTransition(`hotline ticket ${ticket.id} is closed`, { state: 'CLOSED', action: 'followUp', allowedFrom: ['OPEN', 'TRANSFERRED'], inResolver: true });
      const followUp = await write.trx
        .insertInto('hotline_follow_up')
        .values({ ticket_id: ticket.id, by_subject: context.principal.subject, note: input.note })
        .returning('id')
        .executeTakeFirstOrThrow();
      write.changed({ record: 'HotlineFollowUp', id: String(followUp.id), childId: ticket.child_id, change: 'created', fields: ['note'], fromVersion: null, toVersion: null });
      return { ticketId: ticket.id, childId: ticket.child_id };
    },
  });
}
