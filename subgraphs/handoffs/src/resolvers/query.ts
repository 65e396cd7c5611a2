import { RULE_VIEWS } from '../quality/finding-scope.ts';
import { listFindings } from '../quality/list-findings.ts';
import { qualityRequests } from '../quality/quality-requests.ts';
import { badUserInput, notFound } from '@lbc/schema';
import { assertExchange, countArgument } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { readNotices } from '../feed/read-notices.ts';
import { hotlineTickets } from '../lists/hotline-tickets.ts';
import { sentHandoffs } from '../lists/sent-handoffs.ts';
import { workQueue } from '../lists/work-queue.ts';

/** Most notices one read of the feed returns. */
export const MAX_NOTICE_BATCH = 1000;

export const Query: QueryResolvers = {
  handoff: async (_, { id }, { loaders }) => (await loaders.handoff.load(id)) ?? Promise.reject(notFound(`no hand-off ${id} that you are a party to`, { inResolver: true })),
  workQueue: (_, args, { db, principal }) => workQueue(db, principal, args),
  sentHandoffs: (_, args, { db, principal }) => sentHandoffs(db, principal, args),
  hotlineTicket: async (_, { id }, { loaders }) => (await loaders.ticket.load(id)) ?? Promise.reject(notFound(`no hotline ticket ${id} that you may read`, { inResolver: true })),
  hotlineTickets: (_, args, { db, principal }) => hotlineTickets(db, principal, args),
  qualityFindings: (_, args, { db, principal, loaders }) => listFindings(db, principal, loaders.scope, args),
  qualityRules: () => [...RULE_VIEWS],
  _qualityRequests: (_, args, context) => {
    assertExchange(context, 'read the check requests');
    return qualityRequests(context.db, countArgument('limit', args.limit, 100, MAX_NOTICE_BATCH));
  },
  _handoffNotices: (_, args, context) => {
    assertExchange(context, 'read the notice feed');
    if (!/^\d{1,19}$/.test(args.after)) throw badUserInput('after must be a feed position (digits)', { argumentName: 'after', inResolver: true });
    return readNotices(context.db, args.after, countArgument('limit', args.limit, 100, MAX_NOTICE_BATCH));
  },
};
