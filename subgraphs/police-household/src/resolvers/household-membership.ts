import type { HouseholdMembershipResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';

/** The model is the child's row: it is a membership only when it names a household. */
export const HouseholdMembership: HouseholdMembershipResolvers = {
  // The child's own household, so in scope with it (same address, same station); checked all the same.
  household: async (child, _, { loaders }) =>
    visibleOrForbidden(await loaders.householdByNumber.load(child.household_number!), "this child's household")!,
  relationshipToHead: (child) => child.relationship_to_head!,
  registeredOn: (child) => child.registered_on!,
};
