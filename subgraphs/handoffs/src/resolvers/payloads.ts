import type { HandoffRow } from '../db-types.ts';
import type { HandoffPayloadResolvers, HandoffsPayloadResolvers, HotlineTicketPayloadResolvers } from '../generated/resolvers-types.ts';

/** What a hand-off mutation answers with (and a retry is answered with): the id, read back under the caller's row rule. */
export interface HandoffResult {
  handoffId: string;
  childId: string | null;
}
export interface HandoffsResult {
  handoffIds: string[];
  childId: string;
}
export interface TicketResult {
  ticketId: string;
  childId: string | null;
}

const child = (result: { childId: string | null }) => (result.childId ? { id: result.childId } : null);

export const HandoffPayload: HandoffPayloadResolvers = {
  handoff: (result, _, { loaders }) => loaders.handoff.load(result.handoffId),
  child,
};

export const HandoffsPayload: HandoffsPayloadResolvers = {
  handoffs: async (result, _, { loaders }) => (await Promise.all(result.handoffIds.map((id) => loaders.handoff.load(id)))).filter((h): h is HandoffRow => h !== null),
  child,
};

export const HotlineTicketPayload: HotlineTicketPayloadResolvers = {
  ticket: (result, _, { loaders }) => loaders.ticket.load(result.ticketId),
  child,
};
