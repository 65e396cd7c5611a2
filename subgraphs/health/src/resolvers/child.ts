import type { ChildResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';

/**
 * The model is the patient row: a child without a health record here resolves to null, a
 * child outside the caller's jurisdiction to null with FORBIDDEN. Every other field reads
 * from a child authorized on the way in (reference, lookup or a clinic's scoped list).
 */
export const Child: ChildResolvers = {
  __resolveReference: async (reference, { loaders }) => visibleOrForbidden(await loaders.patientByChild.load(reference.id), `child ${reference.id}`),
  id: (patient) => patient.child_id,
  healthRecord: (patient) => patient,
  immunisations: (patient, args, { loaders }) => loaders.immunisations(args).load(patient.child_id),
  immunisationComplete: async (patient, _, { loaders }) => (await loaders.healthFacts.load(patient.child_id))?.immunisation_complete ?? null,
  growthMeasurements: (patient, args, { loaders }) => loaders.growthMeasurements(args).load(patient.child_id),
  latestGrowthAssessment: async (patient, _, { loaders }) => (await loaders.healthFacts.load(patient.child_id))?.latest_growth_assessment ?? null,
  disability: (patient, _, { loaders }) => loaders.latestDisability.load(patient.child_id),
  chronicConditions: (patient, args, { loaders }) => loaders.chronicConditions(args).load(patient.child_id),
  hospitalStays: (patient, args, { loaders }) => loaders.hospitalStays(args).load(patient.child_id),
  mentalHealthScreenings: (patient, args, { loaders }) => loaders.mentalHealthScreenings(args).load(patient.child_id),
  hasSeriousCondition: async (patient, _, { loaders }) => (await loaders.healthFacts.load(patient.child_id))?.serious_condition ?? null,
  needsHealthFollowUp: async (patient, _, { loaders }) => (await loaders.healthFacts.load(patient.child_id))?.needs_follow_up ?? null,
};
