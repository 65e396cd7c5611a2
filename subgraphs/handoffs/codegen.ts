/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  Handoff: '../db-types.ts#HandoffRow',
  HandoffEvent: '../db-types.ts#HandoffEventRow',
  HandoffParty: '../parties.ts#Party',
  HotlineTicket: '../db-types.ts#HotlineTicketRow',
  HotlineFollowUp: '../db-types.ts#HotlineFollowUpRow',
  WorkQueueItem: '../lists/work-queue.ts#WorkQueueRow',
  HandoffPayload: '../resolvers/payloads.ts#HandoffResult',
  HandoffsPayload: '../resolvers/payloads.ts#HandoffsResult',
  HotlineTicketPayload: '../resolvers/payloads.ts#TicketResult',
  Child: '../resolvers/child.ts#ChildRef',
  _HandoffNotice: '../feed/read-notices.ts#FeedNotice',
  _EscalationRound: '../clock/escalate-overdue.ts#EscalationRound',
};
export const contextType = '../context.ts#HandoffsContext';
