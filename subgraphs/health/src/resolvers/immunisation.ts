import type { ImmunisationResolvers } from '../generated/resolvers-types.ts';

export const Immunisation: ImmunisationResolvers = {
  id: (immunisation) => String(immunisation.id),
  givenOn: (immunisation) => immunisation.given_on,
};
