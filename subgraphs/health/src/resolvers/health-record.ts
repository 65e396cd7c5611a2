import type { HealthRecordResolvers } from '../generated/resolvers-types.ts';

export const HealthRecord: HealthRecordResolvers = {
  number: (patient) => patient.record_number,
  idNumber: (patient) => patient.id_number,
  // The foreign key guarantees the clinic exists.
  clinic: async (patient, _, { loaders }) => (await loaders.clinicById.load(patient.clinic_id))!,
  residence: (patient) => ({ code: patient.residence_code }),
  registeredOn: (patient) => patient.registered_on,
  // A record is only ever reached through an authorized child or lookup: its child is that same row.
  child: (patient) => patient,
};
