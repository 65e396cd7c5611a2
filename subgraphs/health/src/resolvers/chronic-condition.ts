import type { ChronicConditionResolvers } from '../generated/resolvers-types.ts';

export const ChronicCondition: ChronicConditionResolvers = {
  id: (condition) => String(condition.id),
  diagnosedOn: (condition) => condition.diagnosed_on,
};
