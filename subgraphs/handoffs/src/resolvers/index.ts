import { scalarResolvers } from '@lbc/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Child } from './child.ts';
import { Handoff, HandoffEvent, HandoffParty, WorkQueueItem } from './handoff.ts';
import { HotlineTicket } from './hotline-ticket.ts';
import { Mutation } from './mutation.ts';
import { HandoffPayload, HandoffsPayload, HotlineTicketPayload } from './payloads.ts';
import { QualityCheck, QualityCheckPayload, QualityFinding, QualityRuleCount, QuarterlySubmission, Region } from './quality.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Child,
  Handoff,
  HandoffParty,
  HandoffEvent,
  WorkQueueItem,
  HotlineTicket,
  HandoffPayload,
  HandoffsPayload,
  HotlineTicketPayload,
  QualityFinding,
  QualityRuleCount,
  Region,
  QuarterlySubmission,
  QualityCheck,
  QualityCheckPayload,
};
