import { scalarResolvers } from '@lbc/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Assistance } from './assistance.ts';
import { CaseAssessment } from './case-assessment.ts';
import { caseForAccessCheck } from './case-access-check.ts';
import { Child } from './child.ts';
import { EntrustedGuardian } from './entrusted-guardian.ts';
import { GuardianWarning } from './guardian-warning.ts';
import { GuardianshipIntervention } from './guardianship-intervention.ts';
import { GuardianshipPetition } from './guardianship-petition.ts';
import { HomeVisit } from './home-visit.ts';
import { Mutation } from './mutation.ts';
import { Parent } from './parent.ts';
import {
  AssistancePayload,
  ChildRecordPayload,
  GuardianshipPetitionPayload,
  GuardianWarningPayload,
  ProtectionCasePayload,
  QuarterlySubmissionPayload,
  RecordHomeVisitPayload,
  RecordQuarterlyReviewPayload,
  RegisterChildPayload,
} from './payloads.ts';
import { ProtectionCase } from './protection-case.ts';
import { Query } from './query.ts';
import { QuarterlyReporting, QuarterReportingArea } from './quarterly-reporting.ts';
import { QuarterlyReview } from './quarterly-review.ts';
import { QuarterCompleteness, QuarterlySubmission, QuarterlySubmissionEvent, QuarterVillage } from './quarterly-submission.ts';
import { qualityFactsQuery } from './quality-facts.ts';
import { Region, RegistryStats } from './region.ts';
import { RiskFlags } from './risk-flags.ts';
import { StaffMember } from './staff-member.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  // The gateway's case check sits beside the caller-facing lookups, in its own file.
  Query: { ...Query, _caseForAccessCheck: caseForAccessCheck, ...qualityFactsQuery },
  Mutation,
  RegisterChildPayload,
  ChildRecordPayload,
  RecordHomeVisitPayload,
  RecordQuarterlyReviewPayload,
  AssistancePayload,
  ProtectionCasePayload,
  GuardianWarningPayload,
  GuardianshipPetitionPayload,
  QuarterlySubmissionPayload,
  Child,
  Parent,
  EntrustedGuardian,
  RiskFlags,
  HomeVisit,
  QuarterlyReview,
  Assistance,
  ProtectionCase,
  CaseAssessment,
  GuardianshipIntervention,
  GuardianWarning,
  GuardianshipPetition,
  StaffMember,
  Region,
  RegistryStats,
  QuarterlySubmission,
  QuarterCompleteness,
  QuarterVillage,
  QuarterlySubmissionEvent,
  QuarterlyReporting,
  QuarterReportingArea,
};
