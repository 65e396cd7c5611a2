import type { Agency } from '../principal.ts';
import type { FieldClass } from './field-class.ts';

/**
 * THE field classification of the supergraph: one source of truth, read by the gateway
 * (what to remove or mask before planning) and by every subgraph (defense in depth).
 * `pnpm compose` fails when a field of the supergraph has no class here, or when an entry
 * names a field that no longer exists.
 *
 * `'*'` is the class of every field of the type not listed. Fields of connection plumbing
 * (…Connection, …Edge, PageInfo: edges, node, cursor, pageInfo, hasNextPage, endCursor)
 * carry no data of their own and take the class of the field that returned the connection.
 *
 * Guiding rule (PIPL, minimum necessary use): share the derived fact (PROTECTIVE:
 * `guardianCanAct`, `hasSeriousCondition`, `dropoutStatus`) and keep the fact behind it
 * (SENSITIVE: the parent's criminal status, the diagnosis, the counselling notes) with
 * the agency that owns it.
 */
export const FIELD_CLASSES_BY_TYPE: Record<string, Record<string, FieldClass>> = {
  Query: {
    child: 'BASIC',
    childByIdNumber: 'BASIC',
    children: 'BASIC',
    region: 'AGGREGATE',
    provinces: 'AGGREGATE',
    staffMember: 'BASIC',
    // A township's quarterly submission: counts and steps, no child's record.
    quarterlySubmission: 'AGGREGATE',
    school: 'BASIC',
    schools: 'BASIC',
    enrollmentByStudentNumber: 'BASIC',
    household: 'CONTACT',
    residentByIdNumber: 'BASIC',
    mandatoryReports: 'PROTECTIVE',
    unregisteredChildren: 'PROTECTIVE',
    clinic: 'BASIC',
    clinics: 'BASIC',
    healthRecordByNumber: 'BASIC',
    healthRecordByIdNumber: 'BASIC',
    accessLog: 'AUDIT',
    accessLogCsv: 'AUDIT',
    childAccessHistory: 'AUDIT',
    accessAnomalies: 'AUDIT',
    exchangeLag: 'AUDIT',
    webhookBacklog: 'AUDIT',
    accessNotices: 'SELF',
    accessExplain: 'SELF',
    // Hand-offs: who may see which is the hand-off subgraph's row rule (a party to it).
    handoff: 'BASIC',
    workQueue: 'BASIC',
    sentHandoffs: 'BASIC',
    hotlineTicket: 'BASIC',
    hotlineTickets: 'BASIC',
    // Data quality: a finding says a child's records disagree (PROTECTIVE); the rules are public policy.
    qualityFindings: 'PROTECTIVE',
    qualityRules: 'AGGREGATE',
  },

  Child: {
    // civil affairs: the registry
    id: 'BASIC',
    idNumber: 'IDENTIFIER',
    name: 'BASIC',
    sex: 'BASIC',
    birthDate: 'BASIC',
    // Ethnicity is a "specific identity" under PIPL art. 28: no other agency needs it.
    ethnicity: 'SENSITIVE',
    residenceVillage: 'BASIC',
    leftBehindCategory: 'BASIC',
    leftBehindSince: 'BASIC',
    status: 'BASIC',
    exitReason: 'BASIC',
    registeredOn: 'BASIC',
    // The registry record's version: an edit names the one it read (expectedVersion).
    registryVersion: 'BASIC',
    responsiblePerson: 'BASIC',
    father: 'CONTACT',
    mother: 'CONTACT',
    guardian: 'CONTACT',
    riskFlags: 'PROTECTIVE',
    homeVisits: 'PROTECTIVE',
    quarterlyReviews: 'PROTECTIVE',
    assistance: 'PROTECTIVE',
    protectionCases: 'PROTECTIVE',
    guardianshipIntervention: 'PROTECTIVE',
    // education
    currentEnrollment: 'BASIC',
    enrollmentHistory: 'BASIC',
    leftBehindFlag: 'BASIC',
    attendance: 'PROTECTIVE',
    dropoutStatus: 'PROTECTIVE',
    dropoutReports: 'PROTECTIVE',
    pairedTeacher: 'CONTACT',
    pairedSince: 'PROTECTIVE',
    counsellingSessions: 'SENSITIVE',
    // police
    householdRegistrationStatus: 'PROTECTIVE',
    household: 'CONTACT',
    unregisteredRegistration: 'PROTECTIVE',
    mandatoryReports: 'PROTECTIVE',
    missingReports: 'PROTECTIVE',
    parentStatuses: 'SENSITIVE',
    guardianCanAct: 'PROTECTIVE',
    // health
    healthRecord: 'BASIC',
    immunisations: 'SENSITIVE',
    immunisationComplete: 'PROTECTIVE',
    growthMeasurements: 'SENSITIVE',
    latestGrowthAssessment: 'PROTECTIVE',
    disability: 'SENSITIVE',
    chronicConditions: 'SENSITIVE',
    hospitalStays: 'SENSITIVE',
    mentalHealthScreenings: 'SENSITIVE',
    hasSeriousCondition: 'PROTECTIVE',
    needsHealthFollowUp: 'PROTECTIVE',
    // the hub: hand-offs about the child, those the caller is a party to
    handoffs: 'BASIC',
  },

  Parent: { '*': 'CONTACT', isAway: 'BASIC', unableToGuardReason: 'SENSITIVE' },
  EntrustedGuardian: { '*': 'CONTACT', relationship: 'BASIC', capacity: 'PROTECTIVE', confirmationSignedOn: 'PROTECTIVE' },
  RiskFlags: { '*': 'PROTECTIVE' },
  HomeVisit: { '*': 'PROTECTIVE', findings: 'SENSITIVE' },
  QuarterlyReview: { '*': 'PROTECTIVE' },
  Assistance: { '*': 'PROTECTIVE' },
  ProtectionCase: { '*': 'PROTECTIVE', summary: 'SENSITIVE', closeReason: 'SENSITIVE' },
  // The grades are the derived fact other agencies act on; the narrative stays with civil affairs.
  CaseAssessment: { '*': 'PROTECTIVE', summary: 'SENSITIVE' },
  // What the guardian did (the warning's reason) is the fact behind the intervention.
  GuardianshipIntervention: { '*': 'PROTECTIVE' },
  GuardianWarning: { '*': 'PROTECTIVE', reason: 'SENSITIVE' },
  GuardianshipPetition: { '*': 'PROTECTIVE' },
  StaffMember: { '*': 'BASIC', phone: 'CONTACT' },

  Region: { '*': 'AGGREGATE', schools: 'BASIC' },
  RegistryStats: { '*': 'AGGREGATE' },
  SchoolRegionStats: { '*': 'AGGREGATE' },
  HouseholdRegionStats: { '*': 'AGGREGATE' },
  HealthRegionStats: { '*': 'AGGREGATE' },
  // Quarterly reporting: a township's counts and the steps of its approval, read like a region's
  // aggregates; what an officer wrote (a return's reason) and who acted are the record's BASIC facts.
  QuarterlySubmission: { '*': 'AGGREGATE' },
  QuarterCompleteness: { '*': 'AGGREGATE' },
  QuarterVillage: { '*': 'AGGREGATE' },
  QuarterlySubmissionEvent: { '*': 'AGGREGATE', reason: 'BASIC', subject: 'BASIC' },
  QuarterlyReporting: { '*': 'AGGREGATE' },
  QuarterReportingArea: { '*': 'AGGREGATE' },
  QuarterStateCount: { '*': 'AGGREGATE' },

  School: { '*': 'BASIC' },
  Teacher: { '*': 'BASIC', phone: 'CONTACT' },
  Enrollment: { '*': 'BASIC', studentNumber: 'IDENTIFIER' },
  EnrolledChildEdge: { enrollment: 'BASIC' },
  AttendanceMonth: { '*': 'PROTECTIVE' },
  DropoutReport: { '*': 'PROTECTIVE' },
  SchoolCounsellingSession: { '*': 'SENSITIVE' },

  HouseholdMembership: { '*': 'CONTACT', relationshipToHead: 'BASIC', registeredOn: 'BASIC' },
  Household: { '*': 'CONTACT', number: 'IDENTIFIER', station: 'BASIC', members: 'PROTECTIVE' },
  UnregisteredChildRegistration: { '*': 'PROTECTIVE' },
  MandatoryReport: { '*': 'PROTECTIVE', details: 'SENSITIVE' },
  EmergencyResponse: { '*': 'PROTECTIVE', notes: 'SENSITIVE' },
  MissingChildReport: { '*': 'PROTECTIVE' },
  ParentPoliceStatus: { '*': 'SENSITIVE' },

  HealthRecord: { '*': 'BASIC', number: 'IDENTIFIER', idNumber: 'IDENTIFIER' },
  Clinic: { '*': 'BASIC' },
  Immunisation: { '*': 'SENSITIVE' },
  GrowthMeasurement: { '*': 'SENSITIVE' },
  DisabilityAssessment: { '*': 'SENSITIVE' },
  ChronicCondition: { '*': 'SENSITIVE' },
  HospitalStay: { '*': 'SENSITIVE' },
  MentalHealthScreening: { '*': 'SENSITIVE' },

  // The hub's own records (subgraph audit): the log for auditors, the rest about the caller itself.
  AuditEntry: { '*': 'AUDIT' },
  AuditPrincipal: { '*': 'AUDIT' },
  AuditFetch: { '*': 'AUDIT' },
  AuditChildAccess: { '*': 'AUDIT' },
  AuditFieldRead: { '*': 'AUDIT' },
  AuditDeniedField: { '*': 'AUDIT' },
  AuditWrite: { '*': 'AUDIT' },
  ExchangeLag: { '*': 'AUDIT' },
  WebhookBacklog: { '*': 'AUDIT' },
  AccessAnomaly: { '*': 'AUDIT' },
  // Hand-offs (subgraph handoffs): read by their parties only (the row rule), and only what
  // they need to act — the derived reason, never the fact behind it; the receiver reads the
  // child's record under the rules above. A hotline ticket's summary is the caller's words,
  // for the Youth League and the agencies it was transferred to.
  Handoff: { '*': 'BASIC' },
  HandoffParty: { '*': 'BASIC' },
  HandoffEvent: { '*': 'BASIC' },
  WorkQueueItem: { '*': 'BASIC' },
  HotlineTicket: { '*': 'BASIC' },
  HotlineFollowUp: { '*': 'BASIC' },
  HandoffPayload: { handoff: 'BASIC', child: 'BASIC' },
  HandoffsPayload: { handoffs: 'BASIC', child: 'BASIC' },
  HotlineTicketPayload: { ticket: 'BASIC', child: 'BASIC' },
  // Data quality: a finding is a derived fact about a child (PROTECTIVE); the rules are public
  // policy; counts are aggregates under disclosure control (counted-facts.ts).
  QualityFinding: { '*': 'PROTECTIVE' },
  QualityRule: { '*': 'AGGREGATE' },
  QualityRuleCount: { '*': 'AGGREGATE' },
  DataQuality: { '*': 'AGGREGATE' },
  QualityCheck: { '*': 'AGGREGATE' },
  QualityCheckPayload: { check: 'AGGREGATE' },
  AccessNotice: { '*': 'SELF' },
  AccessExplanation: { '*': 'SELF' },
  FieldDecision: { '*': 'SELF' },
  // Mutations: whether a caller may act is its action rule (action-rules.ts); the class of a
  // mutation field decides only reading its payload, whose fields keep the classes of the
  // records they return.
  // The quarterly steps are taken by the city and the province too, which read aggregates only
  // (outside SUPERVISION): their payload is the submission, an aggregate.
  Mutation: {
    '*': 'BASIC',
    acknowledgeAccessNotice: 'SELF',
    submitQuarter: 'AGGREGATE',
    verifyQuarter: 'AGGREGATE',
    approveQuarter: 'AGGREGATE',
    acceptQuarter: 'AGGREGATE',
    returnQuarter: 'AGGREGATE',
    undoQuarterApproval: 'AGGREGATE',
  },
  RegisterChildPayload: { child: 'BASIC' },
  ChildRecordPayload: { child: 'BASIC' },
  RecordHomeVisitPayload: { homeVisit: 'PROTECTIVE', child: 'BASIC' },
  RecordQuarterlyReviewPayload: { quarterlyReview: 'PROTECTIVE', child: 'BASIC' },
  AssistancePayload: { assistance: 'PROTECTIVE', child: 'BASIC' },
  ProtectionCasePayload: { protectionCase: 'PROTECTIVE', child: 'BASIC' },
  GuardianWarningPayload: { warning: 'PROTECTIVE', child: 'BASIC' },
  GuardianshipPetitionPayload: { petition: 'PROTECTIVE', child: 'BASIC' },
  QuarterlySubmissionPayload: { submission: 'AGGREGATE' },
  EnrollmentPayload: { enrollment: 'BASIC', child: 'BASIC' },
  RecordAttendancePayload: { attendance: 'PROTECTIVE', child: 'BASIC' },
  DropoutReportPayload: { dropoutReport: 'PROTECTIVE', child: 'BASIC' },
  RegisterUnregisteredChildPayload: { registration: 'PROTECTIVE', child: 'BASIC' },
  RecordParentPoliceStatusPayload: { parentStatus: 'SENSITIVE', child: 'BASIC' },
  RecordEmergencyResponsePayload: { mandatoryReport: 'PROTECTIVE', child: 'BASIC' },
  GrowthMeasurementPayload: { growthMeasurement: 'SENSITIVE', child: 'BASIC' },
  ImmunisationPayload: { immunisation: 'SENSITIVE', child: 'BASIC' },
  MentalHealthScreeningPayload: { screening: 'SENSITIVE', child: 'BASIC' },
};

/**
 * Agencies that hold an identifier in their own records although another agency's
 * subgraph serves it: education keeps every ID number inside its student numbers
 * (G + ID number) and health on its records. Masking `Child.idNumber` for them while they
 * read the same digits elsewhere would protect nothing and mislead, so they count as
 * owners of it. Used by the gateway and the subgraphs alike (see ownersOf).
 */
export const IDENTIFIER_HOLDERS: Record<string, readonly Agency[]> = {
  'Child.idNumber': ['police', 'education', 'health'],
  'HealthRecord.idNumber': ['police', 'education', 'health'],
  'Enrollment.studentNumber': ['police', 'education', 'health'],
};

/** The agencies a decision treats as owners of a field: those whose subgraphs resolve it, and those holding it anyway. */
export function ownersOf(coordinate: string, resolving: readonly Agency[]): Agency[] {
  return [...new Set([...resolving, ...(IDENTIFIER_HOLDERS[coordinate] ?? [])])];
}
