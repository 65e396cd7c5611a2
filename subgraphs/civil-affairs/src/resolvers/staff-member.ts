import type { StaffMemberResolvers } from '../generated/resolvers-types.ts';

export const StaffMember: StaffMemberResolvers = {
  region: async (staff, _, { loaders }) => (await loaders.regionByCode.load(staff.region_code))!,
};
