import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { changeGuardian } from '../writes/change-guardian.ts';
import { recordHomeVisit } from '../writes/record-home-visit.ts';
import { registerChild } from '../writes/register-child.ts';

/** Each mutation is one file under writes/; this maps the fields to them. */
export const Mutation: MutationResolvers = {
  registerChild: (_, { input }, context, info) => registerChild(context, info, input),
  recordHomeVisit: (_, { input }, context, info) => recordHomeVisit(context, info, input),
  changeGuardian: (_, { input }, context, info) => changeGuardian(context, info, input),
};
