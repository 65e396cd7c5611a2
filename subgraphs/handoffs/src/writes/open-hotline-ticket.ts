import { divisionLevel } from '@lbc/schema';
import { assertInput, inputRules, outsideJurisdiction, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { TicketResult } from '../resolvers/payloads.ts';
import type { OpenHotlineTicketInput } from '../generated/resolvers-types.ts';
import { childForHandoff } from './child-for-handoff.ts';

/**
 * 12355: a call, as the Youth League's operator records it. The matter's place must lie in
 * the operator's region; a child named must be one the hub knows in that region. What the
 * caller said stays on the ticket: a transfer carries only the derived situation.
 */
export function openHotlineTicket(context: HandoffsContext, info: GraphQLResolveInfo, input: OpenHotlineTicketInput): Promise<TicketResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        regionCode: ['province', 'city'].includes(divisionLevel(input.regionCode) ?? '') && 'must be a county, township or village code',
        summary: inputRules.text(input.summary, 1000, { required: true }),
      }),
    async execute(write) {
      const principal = context.principal;
      if (!input.regionCode.startsWith(principal.region)) throw outsideJurisdiction(`region ${input.regionCode}`);
      const child = input.childId ? await childForHandoff(write, context, input.childId) : null;
      const ticket = await write.trx
        .insertInto('hotline_ticket')
        .values({
          opened_by: principal.subject,
          owner_region: principal.region,
          region_code: input.regionCode,
          caller: input.caller,
          child_id: child?.child_id ?? null,
          situation: input.situation ?? null,
          summary: input.summary,
        })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'HotlineTicket',
        id: ticket.id,
        childId: child?.child_id ?? null,
        change: 'created',
        fields: ['regionCode', 'caller', 'child', 'situation', 'summary'],
        fromVersion: null,
        toVersion: ticket.version,
      });
      return { ticketId: ticket.id, childId: child?.child_id ?? null };
    },
  });
}
