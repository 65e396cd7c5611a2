import type { GuardianWarningResolvers } from '../generated/resolvers-types.ts';

export const GuardianWarning: GuardianWarningResolvers = {
  id: (warning) => String(warning.id),
  warnedOn: (warning) => warning.warned_on,
  careRefusedSince: (warning) => warning.care_refused_since,
  givenBy: (warning) => warning.given_by,
};
