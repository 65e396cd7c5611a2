/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  Child: '../db-types.ts#PoliceChildRow',
  HouseholdMembership: '../db-types.ts#PoliceChildRow',
  UnregisteredChildRegistration: '../db-types.ts#PoliceChildRow',
  Household: '../loaders.ts#ScopedHouseholdRow',
  MandatoryReport: '../db-types.ts#MandatoryReportRow',
  EmergencyResponse: '../db-types.ts#EmergencyResponseRow',
  MissingChildReport: '../db-types.ts#MissingReportRow',
  ParentPoliceStatus: '../db-types.ts#ParentStatusRow',
  Region: '../db-types.ts#RegionRef',
  HouseholdRegionStats: '../loaders.ts#HouseholdStats',
  RegisterUnregisteredChildPayload: '../writes/register-unregistered-child.ts#RegisterUnregisteredChildResult',
  RecordParentPoliceStatusPayload: '../writes/record-parent-police-status.ts#RecordParentPoliceStatusResult',
  RecordEmergencyResponsePayload: '../writes/record-emergency-response.ts#RecordEmergencyResponseResult',
};
export const contextType = '../context.ts#PoliceContext';
