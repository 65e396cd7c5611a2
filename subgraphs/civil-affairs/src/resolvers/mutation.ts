import type { MutationResolvers } from '../generated/resolvers-types.ts';
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
};
