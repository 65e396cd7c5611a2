import { conflict, invalidTransition } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { TicketResult } from '../resolvers/payloads.ts';
import type { CloseHotlineTicketInput } from '../generated/resolvers-types.ts';
import { appendFollowUp } from './append-follow-up.ts';
import { ticketForWrite } from './ticket-for-write.ts';

/**
 * 12355: closes a ticket. Not while a transfer is still SENT or ACCEPTED: the agency it went
 * to has not finished, and closing would hide that.
 */
export function closeHotlineTicket(context: HandoffsContext, info: GraphQLResolveInfo, input: CloseHotlineTicketInput): Promise<TicketResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ expectedVersion: inputRules.version(input.expectedVersion), note: inputRules.text(input.note, 1000) }),
    async execute(write) {
      const ticket = await ticketForWrite(write, context, input.ticketId);
      if (ticket.version !== input.expectedVersion)
        throw conflict(`hotline ticket ${ticket.id} is at version ${ticket.version}, not ${input.expectedVersion}: read it again`, ticket.version, { inResolver: true });
      if (ticket.status === 'CLOSED')
        throw invalidTransition(`hotline ticket ${ticket.id} is closed already`, { state: 'CLOSED', action: 'close', allowedFrom: ['OPEN', 'TRANSFERRED'], inResolver: true });
      const open = await write.trx.selectFrom('handoff').select('id').where('ticket_id', '=', ticket.id).where('state', 'in', ['SENT', 'ACCEPTED']).executeTakeFirst();
      if (open)
        throw invalidTransition(`hotline ticket ${ticket.id} has a transfer still open (${open.id})`, {
          state: ticket.status,
          action: 'close',
          allowedFrom: ['OPEN', 'TRANSFERRED'],
          inResolver: true,
        });
      const now = new Date();
      const closed = await write.trx
        .updateTable('hotline_ticket')
        .set({ status: 'CLOSED', closed_at: now, outcome: input.outcome, version: ticket.version + 1 })
        .where('id', '=', ticket.id)
        .returning('version')
        .executeTakeFirstOrThrow();
      if (input.note) await appendFollowUp(write, ticket, context.principal.subject, input.note);
      write.changed({ record: 'HotlineTicket', id: ticket.id, childId: ticket.child_id, change: 'updated', fields: ['status', 'outcome'], fromVersion: ticket.version, toVersion: closed.version });
      return { ticketId: ticket.id, childId: ticket.child_id };
    },
  });
}
