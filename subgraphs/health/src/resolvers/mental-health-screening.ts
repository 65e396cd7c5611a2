import type { MentalHealthScreeningResolvers } from '../generated/resolvers-types.ts';

export const MentalHealthScreening: MentalHealthScreeningResolvers = {
  id: (screening) => String(screening.id),
  screenedOn: (screening) => screening.screened_on,
};
