import type { HouseholdResolvers } from '../generated/resolvers-types.ts';

export const Household: HouseholdResolvers = {
  registeredAddress: (household) => ({ code: household.address_code }),
  addressDetail: (household) => household.address_detail,
  headName: (household) => household.head_name,
  station: (household) => household.station_id,
  members: (household, args, { loaders }) => loaders.householdMembers(args).load(household.number),
};
