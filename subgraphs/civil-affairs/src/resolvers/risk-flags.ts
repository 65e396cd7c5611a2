import type { RiskFlagsResolvers } from '../generated/resolvers-types.ts';

/** The model is the list of open flag rows; each boolean asks whether one kind is among them. */
export const RiskFlags: RiskFlagsResolvers = {
  deFactoUnsupported: (flags) => flags.some((f) => f.kind === 'DE_FACTO_UNSUPPORTED'),
  guardianMissing: (flags) => flags.some((f) => f.kind === 'GUARDIAN_MISSING'),
  disability: (flags) => flags.some((f) => f.kind === 'DISABILITY'),
  familyHardship: (flags) => flags.some((f) => f.kind === 'FAMILY_HARDSHIP'),
  flaggedSince: (flags) => flags.map((f) => f.raised_on).sort()[0] ?? null,
};
