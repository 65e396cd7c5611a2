import type { HotlineTicketResolvers } from '../generated/resolvers-types.ts';

export const HotlineTicket: HotlineTicketResolvers = {
  openedAt: (t) => t.opened_at,
  regionCode: (t) => t.region_code,
  caller: (t) => t.caller as never,
  child: (t) => (t.child_id ? { id: t.child_id } : null),
  situation: (t) => t.situation as never,
  closedAt: (t) => t.closed_at,
  outcome: (t) => t.outcome as never,
  transfers: (t, _, { loaders }) => loaders.transfers.load(t.id),
  followUps: (t, _, { loaders }) => loaders.followUps.load(t.id),
};
