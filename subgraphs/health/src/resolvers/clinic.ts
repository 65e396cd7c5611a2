import type { ClinicResolvers } from '../generated/resolvers-types.ts';

export const Clinic: ClinicResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.clinicById.load(reference.id),
  region: (clinic) => ({ code: clinic.region_code }),
  // Only the patients in the caller's jurisdiction: the rule is applied per patient, in SQL (clinic-patients.ts).
  patients: (clinic, args, { loaders }) => loaders.clinicPatients(args).load(clinic.id),
};
