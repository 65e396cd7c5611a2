import type { DisabilityAssessmentResolvers } from '../generated/resolvers-types.ts';

export const DisabilityAssessment: DisabilityAssessmentResolvers = {
  assessedOn: (assessment) => assessment.assessed_on,
};
