/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  Child: '../db-types.ts#PatientRow',
  HealthRecord: '../db-types.ts#PatientRow',
  Clinic: '../db-types.ts#ClinicRow',
  Region: '../db-types.ts#RegionRef',
  HealthRegionStats: '../loaders.ts#HealthRegionStatsView',
  Immunisation: '../db-types.ts#ImmunisationRow',
  GrowthMeasurement: '../db-types.ts#GrowthMeasurementRow',
  DisabilityAssessment: '../db-types.ts#DisabilityAssessmentRow',
  ChronicCondition: '../db-types.ts#ChronicConditionRow',
  HospitalStay: '../db-types.ts#HospitalStayRow',
  MentalHealthScreening: '../db-types.ts#MentalHealthScreeningRow',
  GrowthMeasurementPayload: '../writes/record-growth-measurement.ts#RecordGrowthMeasurementResult',
  ImmunisationPayload: '../writes/record-immunisation.ts#RecordImmunisationResult',
  MentalHealthScreeningPayload: '../writes/record-mental-health-screening.ts#RecordMentalHealthScreeningResult',
};
export const contextType = '../context.ts#HealthContext';
