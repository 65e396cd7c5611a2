import type { HouseholdMembershipResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';

/** The model is the child's row: it is a membership only when it names a household. */
export const HouseholdMembership: HouseholdMembershipResolvers = {
  // The child's own household. A child in scope by the police's place or station has its
  // household in scope too (same address, same station). A child in scope only by another of
  // its places (where it lives or goes to school) brings its own registration with
  // it — the household is part of that child's slice — but not the other children registered
  // there: the row keeps `in_scope: false`, so Household.members lists nobody. Any other
  // path is checked all the same.
  household: async (child, _, { loaders }) => {
    const household = await loaders.householdByNumber.load(child.household_number!);
    if (household && !household.in_scope && reachedInScope(child)) return household;
    return visibleOrForbidden(household, "this child's household")!;
  },
  relationshipToHead: (child) => child.relationship_to_head!,
  registeredOn: (child) => child.registered_on!,
};

/** A child row found by a scoped lookup (childById, childByIdNumber) carries its verdict; rows from lists do not. */
function reachedInScope(child: object): boolean {
  return 'in_scope' in child && child.in_scope === true;
}
