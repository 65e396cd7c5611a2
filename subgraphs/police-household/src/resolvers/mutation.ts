import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { recordEmergencyResponse } from '../writes/record-emergency-response.ts';
import { recordParentPoliceStatus } from '../writes/record-parent-police-status.ts';
import { registerUnregisteredChild } from '../writes/register-unregistered-child.ts';

/** Each mutation is one file under writes/; this maps the fields to them. */
export const Mutation: MutationResolvers = {
  registerUnregisteredChild: (_, { input }, context, info) => registerUnregisteredChild(context, info, input),
  recordParentPoliceStatus: (_, { input }, context, info) => recordParentPoliceStatus(context, info, input),
  recordEmergencyResponse: (_, { input }, context, info) => recordEmergencyResponse(context, info, input),
};
