import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { approveCaseAssessment } from '../writes/approve-case-assessment.ts';
import { closeProtectionCase } from '../writes/close-protection-case.ts';
import { fileGuardianshipPetition } from '../writes/file-guardianship-petition.ts';
import { openProtectionCase } from '../writes/open-protection-case.ts';
import { recordCaseAssessment } from '../writes/record-case-assessment.ts';
import { recordGuardianWarning } from '../writes/record-guardian-warning.ts';
import { recordPetitionOutcome } from '../writes/record-petition-outcome.ts';
import { recordWarningOutcome } from '../writes/record-warning-outcome.ts';
import { applyForAssistance } from '../writes/apply-for-assistance.ts';
import { changeGuardian } from '../writes/change-guardian.ts';
import { changeResidence } from '../writes/change-residence.ts';
import { decideAssistance } from '../writes/decide-assistance.ts';
import { exitChild } from '../writes/exit-child.ts';
import { readmitChild } from '../writes/readmit-child.ts';
import { recordHomeVisit } from '../writes/record-home-visit.ts';
import { recordParentStatus } from '../writes/record-parent-status.ts';
import { recordQuarterlyReview } from '../writes/record-quarterly-review.ts';
import { registerChild } from '../writes/register-child.ts';
import { acceptQuarter } from '../writes/accept-quarter.ts';
import { approveQuarter } from '../writes/approve-quarter.ts';
import { returnQuarter } from '../writes/return-quarter.ts';
import { submitQuarter } from '../writes/submit-quarter.ts';
import { undoQuarterApproval } from '../writes/undo-quarter-approval.ts';
import { verifyQuarter } from '../writes/verify-quarter.ts';

/** Each mutation is one file under writes/; this maps the fields to them. */
export const Mutation: MutationResolvers = {
  registerChild: (_, { input }, context, info) => registerChild(context, info, input),
  recordHomeVisit: (_, { input }, context, info) => recordHomeVisit(context, info, input),
  recordQuarterlyReview: (_, { input }, context, info) => recordQuarterlyReview(context, info, input),
  changeResidence: (_, { input }, context, info) => changeResidence(context, info, input),
  changeGuardian: (_, { input }, context, info) => changeGuardian(context, info, input),
  recordParentStatus: (_, { input }, context, info) => recordParentStatus(context, info, input),
  applyForAssistance: (_, { input }, context, info) => applyForAssistance(context, info, input),
  decideAssistance: (_, { input }, context, info) => decideAssistance(context, info, input),
  exitChild: (_, { input }, context, info) => exitChild(context, info, input),
  readmitChild: (_, { input }, context, info) => readmitChild(context, info, input),
  openProtectionCase: (_, { input }, context, info) => openProtectionCase(context, info, input),
  recordCaseAssessment: (_, { input }, context, info) => recordCaseAssessment(context, info, input),
  approveCaseAssessment: (_, { input }, context, info) => approveCaseAssessment(context, info, input),
  closeProtectionCase: (_, { input }, context, info) => closeProtectionCase(context, info, input),
  recordGuardianWarning: (_, { input }, context, info) => recordGuardianWarning(context, info, input),
  recordWarningOutcome: (_, { input }, context, info) => recordWarningOutcome(context, info, input),
  fileGuardianshipPetition: (_, { input }, context, info) => fileGuardianshipPetition(context, info, input),
  recordPetitionOutcome: (_, { input }, context, info) => recordPetitionOutcome(context, info, input),
  submitQuarter: (_, { input }, context, info) => submitQuarter(context, info, input),
  verifyQuarter: (_, { input }, context, info) => verifyQuarter(context, info, input),
  approveQuarter: (_, { input }, context, info) => approveQuarter(context, info, input),
  acceptQuarter: (_, { input }, context, info) => acceptQuarter(context, info, input),
  returnQuarter: (_, { input }, context, info) => returnQuarter(context, info, input),
  undoQuarterApproval: (_, { input }, context, info) => undoQuarterApproval(context, info, input),
};
