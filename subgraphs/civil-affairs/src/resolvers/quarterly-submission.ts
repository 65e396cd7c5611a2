import { allowedQuarterActions, submissionDeadline } from '@lbc/schema';
import { todayInChina } from '@lbc/subgraph-kit';
import type { QuarterCompletenessResolvers, QuarterlySubmissionEventResolvers, QuarterlySubmissionResolvers, QuarterVillageResolvers } from '../generated/resolvers-types.ts';
import { readableSubmission } from '../quarterly/readable-submission.ts';
import { quarterSubmissionDays } from '../quarterly/submission-days.ts';
import { cycleStateOf, stateOf, submissionKey, verifiedByOf, type QuarterSubmissionView } from '../quarterly/submission-view.ts';

const deadlineOf = (view: QuarterSubmissionView) => submissionDeadline(view.quarter, quarterSubmissionDays());

export const QuarterlySubmission: QuarterlySubmissionResolvers = {
  // Entered from another subgraph by its key: the same arguments, row rule and township check as the query.
  __resolveReference: (reference, context) => readableSubmission(context, reference.townCode, reference.quarter),
  town: (view, _, { loaders }) => loaders.regionByCode.load(view.townCode).then((town) => town!),
  state: (view) => stateOf(view.row),
  version: (view) => view.row?.version ?? 0,
  deadline: deadlineOf,
  firstSubmittedAt: (view) => view.row?.first_submitted_at ?? null,
  submittedAt: (view) => view.row?.submitted_at ?? null,
  submittedLate: (view) => view.row?.submitted_late ?? null,
  overdue: (view) => view.row === null && todayInChina() > deadlineOf(view),
  verifiedBy: (view) => verifiedByOf(view.row),
  approvedAt: (view) => view.row?.approved_at ?? null,
  acceptedAt: (view) => view.row?.accepted_at ?? null,
  returnedReason: (view) => view.row?.returned_reason ?? null,
  // What the township sent is what was judged: the snapshot, except while it is the township's to (re)submit.
  completeness: async (view, _, { loaders }) => {
    if (view.row && view.row.state !== 'RETURNED') return { reviewed: view.row.reviewed_children, expected: view.row.expected_children };
    return (await loaders.quarterCompleteness.load(submissionKey(view.townCode, view.quarter))) ?? { reviewed: 0, expected: 0 };
  },
  villages: (view, args, { loaders }) => loaders.quarterVillages(args).load(submissionKey(view.townCode, view.quarter)),
  allowedActions: (view, _, { principal }) => allowedQuarterActions(principal, cycleStateOf(view)),
  history: (view, _, { loaders }) => (view.row ? loaders.quarterHistory.load(view.row.id) : []),
};

export const QuarterCompleteness: QuarterCompletenessResolvers = {
  reviewedChildren: (counts) => counts.reviewed,
  expectedChildren: (counts) => counts.expected,
  ratio: (counts) => (counts.expected > 0 ? counts.reviewed / counts.expected : null),
};

export const QuarterVillage: QuarterVillageResolvers = {
  village: (village, _, { loaders }) => loaders.regionByCode.load(village.code).then((region) => region!),
  completeness: (village) => village,
};

export const QuarterlySubmissionEvent: QuarterlySubmissionEventResolvers = {
  fromState: (event) => event.from_state,
  toState: (event) => event.to_state,
  level: (event) => event.level.toUpperCase() as Uppercase<typeof event.level>,
  regionCode: (event) => event.region_code,
};
