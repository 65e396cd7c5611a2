import { badUserInput } from '@lbc/schema';
import { assertExchange, countArgument } from '@lbc/subgraph-kit';
import { escalateOverdue } from '../clock/escalate-overdue.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { arrangeService } from '../writes/arrange-service.ts';
import { closeHotlineTicket } from '../writes/close-hotline-ticket.ts';
import { fileMandatoryReport } from '../writes/file-mandatory-report.ts';
import { followUpHotlineTicket } from '../writes/follow-up-hotline-ticket.ts';
import { handOverUnregisteredChild } from '../writes/hand-over-unregistered-child.ts';
import { openHotlineTicket } from '../writes/open-hotline-ticket.ts';
import { reportDropoutToAuthorities } from '../writes/report-dropout-to-authorities.ts';
import { requestAssessmentApproval } from '../writes/request-assessment-approval.ts';
import { transferHotlineTicket } from '../writes/transfer-hotline-ticket.ts';
import { transitionHandoff } from '../writes/transition-handoff.ts';
import { requestQualityCheck } from '../writes/request-quality-check.ts';
import { recordTownCheck, townCheckProblem, type TownCheck } from '../quality/record-findings.ts';

/** Most hand-offs one sweep of the clock reads. */
export const MAX_ESCALATION_BATCH = 1000;

/** Each mutation is one file under writes/; this maps the fields to them. */
export const Mutation: MutationResolvers = {
  fileMandatoryReport: (_, { input }, context, info) => fileMandatoryReport(context, info, input),
  acceptHandoff: (_, { input }, context, info) => transitionHandoff(context, info, { ...input, action: 'accept' }),
  declineHandoff: (_, { input }, context, info) => transitionHandoff(context, info, { id: input.id, expectedVersion: input.expectedVersion, note: input.reason, action: 'decline' }),
  completeHandoff: (_, { input }, context, info) =>
    transitionHandoff(context, info, { id: input.id, expectedVersion: input.expectedVersion, note: input.reason, outcome: input.outcome, action: 'complete' }),
  withdrawHandoff: (_, { input }, context, info) => transitionHandoff(context, info, { id: input.id, expectedVersion: input.expectedVersion, note: input.reason, action: 'withdraw' }),
  requestAssessmentApproval: (_, { input }, context, info) => requestAssessmentApproval(context, info, input),
  arrangeService: (_, { input }, context, info) => arrangeService(context, info, input),
  reportDropoutToAuthorities: (_, { input }, context, info) => reportDropoutToAuthorities(context, info, input),
  handOverUnregisteredChild: (_, { input }, context, info) => handOverUnregisteredChild(context, info, input),
  openHotlineTicket: (_, { input }, context, info) => openHotlineTicket(context, info, input),
  transferHotlineTicket: (_, { input }, context, info) => transferHotlineTicket(context, info, input),
  followUpHotlineTicket: (_, { input }, context, info) => followUpHotlineTicket(context, info, input),
  closeHotlineTicket: (_, { input }, context, info) => closeHotlineTicket(context, info, input),
  requestQualityCheck: (_, { input }, context, info) => requestQualityCheck(context, info, input),
  _recordQualityCheck: (_, { input }, context) => {
    assertExchange(context, 'record a quality check');
    const check: TownCheck = { ...input, checkedAt: new Date(input.checkedAt), answersRequestOf: input.answersRequestOf ? new Date(input.answersRequestOf) : null };
    const problem = Number.isNaN(check.checkedAt.getTime()) ? 'checkedAt must be a time' : townCheckProblem(check);
    if (problem) throw badUserInput(problem, { argumentName: 'input', inResolver: true });
    return recordTownCheck(context.db, check);
  },
  _escalateOverdue: (_, args, context) => {
    assertExchange(context, 'escalate overdue hand-offs');
    const now = new Date(args.now);
    if (Number.isNaN(now.getTime())) throw badUserInput('now must be a time', { argumentName: 'now', inResolver: true });
    return escalateOverdue(context.db, now, countArgument('limit', args.limit, 100, MAX_ESCALATION_BATCH));
  },
};
