/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  Child: '../db-types.ts#ChildRow',
  Region: '../db-types.ts#RegionRow',
  StaffMember: '../db-types.ts#StaffRow',
  Parent: '../db-types.ts#ParentRow',
  EntrustedGuardian: '../db-types.ts#GuardianRow',
  RiskFlags: '../db-types.ts#RiskFlagSet',
  HomeVisit: '../db-types.ts#HomeVisitRow',
  QuarterlyReview: '../db-types.ts#QuarterlyReviewRow',
  Assistance: '../db-types.ts#AssistanceRow',
  ProtectionCase: '../db-types.ts#ProtectionCaseRow',
  RegistryStats: '../loaders.ts#RegistryStatsRow',
  RegisterChildPayload: '../writes/child-record-result.ts#ChildRecordResult',
  ChildRecordPayload: '../writes/child-record-result.ts#ChildRecordResult',
  RecordHomeVisitPayload: '../writes/record-home-visit.ts#RecordHomeVisitResult',
  RecordQuarterlyReviewPayload: '../writes/record-quarterly-review.ts#RecordQuarterlyReviewResult',
  AssistancePayload: '../writes/assistance-result.ts#AssistanceResult',
};
export const contextType = '../context.ts#CivilAffairsContext';
