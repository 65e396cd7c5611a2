import type { HouseholdResolvers } from '../generated/resolvers-types.ts';

export const Household: HouseholdResolvers = {
  registeredAddress: (household) => ({ code: household.address_code }),
  addressDetail: (household) => household.address_detail,
  headName: (household) => household.head_name,
  station: (household) => household.station_id,
  // A member's place and station are its household's (police_child takes both from it), so
  // members are in scope exactly when the household is — which its loader decided in SQL.
  // Households are handed out only in scope; an out-of-scope one would list nobody.
  members: (household, args, { loaders }) => (household.in_scope ? loaders.householdMembers(args).load(household.number) : { edges: [], pageInfo: { hasNextPage: false, endCursor: null } }),
};
