import { scalarResolvers } from '@lbc/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Child } from './child.ts';
import { EmergencyResponse } from './emergency-response.ts';
import { HouseholdMembership } from './household-membership.ts';
import { Household } from './household.ts';
import { MandatoryReport } from './mandatory-report.ts';
import { MissingChildReport } from './missing-child-report.ts';
import { Mutation } from './mutation.ts';
import { ParentPoliceStatus } from './parent-police-status.ts';
import { RecordEmergencyResponsePayload, RecordParentPoliceStatusPayload, RegisterUnregisteredChildPayload } from './payloads.ts';
import { Query } from './query.ts';
import { qualityFactsQuery } from './quality-facts.ts';
import { HouseholdRegionStats, Region } from './region.ts';
import { UnregisteredChildRegistration } from './unregistered-child-registration.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...qualityFactsQuery },
  Mutation,
  RegisterUnregisteredChildPayload,
  RecordParentPoliceStatusPayload,
  RecordEmergencyResponsePayload,
  Child,
  HouseholdMembership,
  Household,
  UnregisteredChildRegistration,
  MandatoryReport,
  EmergencyResponse,
  MissingChildReport,
  ParentPoliceStatus,
  Region,
  HouseholdRegionStats,
};
