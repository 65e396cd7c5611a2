import type { UnregisteredChildRegistrationResolvers } from '../generated/resolvers-types.ts';

/** The model is the child's row: it is a registration only when civil affairs handed the child over. */
export const UnregisteredChildRegistration: UnregisteredChildRegistrationResolvers = {
  village: (child) => ({ code: child.unregistered_village_code! }),
  reportedOn: (child) => child.unregistered_reported_on!,
  status: (child) => child.unregistered_status!,
  registeredOn: (child) => child.unregistered_registered_on,
  version: (child) => child.unregistered_version!,
};
