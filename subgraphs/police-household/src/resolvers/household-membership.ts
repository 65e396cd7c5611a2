import type { HouseholdMembershipResolvers } from '../generated/resolvers-types.ts';

/** The model is the child's row: it is a membership only when it names a household. */
export const HouseholdMembership: HouseholdMembershipResolvers = {
  household: async (child, _, { loaders }) => (await loaders.householdByNumber.load(child.household_number!))!,
  relationshipToHead: (child) => child.relationship_to_head!,
  registeredOn: (child) => child.registered_on!,
};
