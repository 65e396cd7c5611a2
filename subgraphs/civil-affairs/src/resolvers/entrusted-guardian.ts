import type { EntrustedGuardianResolvers } from '../generated/resolvers-types.ts';

export const EntrustedGuardian: EntrustedGuardianResolvers = {
  confirmationSignedOn: (guardian) => guardian.confirmation_signed_on,
};
