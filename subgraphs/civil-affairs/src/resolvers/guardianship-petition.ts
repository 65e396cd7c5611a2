import type { GuardianshipPetitionResolvers } from '../generated/resolvers-types.ts';

export const GuardianshipPetition: GuardianshipPetitionResolvers = {
  id: (petition) => String(petition.id),
  filedOn: (petition) => petition.filed_on,
  decidedOn: (petition) => petition.decided_on,
};
