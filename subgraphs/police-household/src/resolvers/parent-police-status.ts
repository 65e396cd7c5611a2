import type { ParentPoliceStatusResolvers } from '../generated/resolvers-types.ts';

export const ParentPoliceStatus: ParentPoliceStatusResolvers = {
  parent: (status) => status.parent_role,
  endedOn: (status) => status.ended_on,
};
