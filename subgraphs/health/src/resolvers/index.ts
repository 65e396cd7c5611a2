import { scalarResolvers } from '@lbc/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Child } from './child.ts';
import { ChronicCondition } from './chronic-condition.ts';
import { Clinic } from './clinic.ts';
import { DisabilityAssessment } from './disability-assessment.ts';
import { GrowthMeasurement } from './growth-measurement.ts';
import { HealthRecord } from './health-record.ts';
import { HospitalStay } from './hospital-stay.ts';
import { Immunisation } from './immunisation.ts';
import { MentalHealthScreening } from './mental-health-screening.ts';
import { Mutation } from './mutation.ts';
import { GrowthMeasurementPayload, ImmunisationPayload, MentalHealthScreeningPayload } from './payloads.ts';
import { Query } from './query.ts';
import { qualityFactsQuery } from './quality-facts.ts';
import { HealthRegionStats, Region } from './region.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...qualityFactsQuery },
  Mutation,
  Child,
  HealthRecord,
  Clinic,
  Region,
  HealthRegionStats,
  Immunisation,
  GrowthMeasurement,
  DisabilityAssessment,
  ChronicCondition,
  HospitalStay,
  MentalHealthScreening,
  GrowthMeasurementPayload,
  ImmunisationPayload,
  MentalHealthScreeningPayload,
};
