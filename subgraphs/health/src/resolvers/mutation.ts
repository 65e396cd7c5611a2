import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { recordGrowthMeasurement } from '../writes/record-growth-measurement.ts';
import { recordImmunisation } from '../writes/record-immunisation.ts';
import { recordMentalHealthScreening } from '../writes/record-mental-health-screening.ts';

/** Each mutation is one file under writes/; this maps the fields to them. */
export const Mutation: MutationResolvers = {
  recordGrowthMeasurement: (_, { input }, context, info) => recordGrowthMeasurement(context, info, input),
  recordImmunisation: (_, { input }, context, info) => recordImmunisation(context, info, input),
  recordMentalHealthScreening: (_, { input }, context, info) => recordMentalHealthScreening(context, info, input),
};
