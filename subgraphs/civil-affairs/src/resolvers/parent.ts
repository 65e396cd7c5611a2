import type { ParentResolvers } from '../generated/resolvers-types.ts';

export const Parent: ParentResolvers = {
  isAway: (parent) => parent.is_away,
  workPlace: (parent) => parent.work_place,
  unableToGuardReason: (parent) => parent.unable_reason,
};
