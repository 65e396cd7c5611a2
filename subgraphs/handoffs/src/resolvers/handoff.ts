import type { HandoffEventResolvers, HandoffPartyResolvers, HandoffResolvers, WorkQueueItemResolvers } from '../generated/resolvers-types.ts';
import { escalatedUnits, sideOf } from '../parties.ts';
import { reportedLate } from '../writes/file-mandatory-report.ts';

export const Handoff: HandoffResolvers = {
  child: (h) => (h.child_id ? { id: h.child_id } : null),
  from: (h) => sideOf(h, 'from'),
  to: (h) => sideOf(h, 'to'),
  reason: (h) => h.reason as never,
  service: (h) => h.service as never,
  caseId: (h) => h.case_id,
  ticket: (h, _, { loaders }) => (h.ticket_id ? loaders.ticket.load(h.ticket_id) : null),
  sentAt: (h) => h.sent_at,
  answeredAt: (h) => h.answered_at,
  finishedAt: (h) => h.finished_at,
  outcomeReason: (h) => h.outcome_reason,
  dueAt: (h) => h.due_at,
  overdueSince: (h) => h.overdue_since,
  escalatedTo: (h) => escalatedUnits(h, h.escalation_depth).at(-1) ?? null,
  knewAt: (h) => h.knew_at,
  reportedLate: (h) => reportedLate(h.knew_at, h.sent_at),
  history: (h, _, { loaders }) => loaders.history.load(h.id),
};

export const HandoffParty: HandoffPartyResolvers = {
  level: (p) => p.level.toUpperCase() as never,
  regionCode: (p) => p.region,
};

export const HandoffEvent: HandoffEventResolvers = {
  by: (e) => ({ agency: e.by_agency as never, level: e.by_level as never, region: e.by_region, org: e.by_org }),
};

export const WorkQueueItem: WorkQueueItemResolvers = {
  handoff: (row) => row,
  overdue: (row) => row.overdue_since !== null,
};
