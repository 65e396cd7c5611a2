import { todayInChina } from '@lbc/subgraph-kit';
import type { GuardianshipInterventionResolvers } from '../generated/resolvers-types.ts';
import { NO_INTERVENTION } from '../guardianship/intervention-summary.ts';
import { revocationGrounds } from '../guardianship/revocation-grounds.ts';

/** One child's guardianship intervention: every field through a loader, so a page of children costs one statement per field. */
export const GuardianshipIntervention: GuardianshipInterventionResolvers = {
  warnings: ({ childId }, args, { loaders }) => loaders.guardianWarnings(args).load(childId),
  warningsIgnored: async ({ childId }, _, { loaders }) => ((await loaders.interventionSummaryByChild.load(childId)) ?? NO_INTERVENTION).warningsIgnored,
  careRefusedSince: async ({ childId }, _, { loaders }) => ((await loaders.interventionSummaryByChild.load(childId)) ?? NO_INTERVENTION).careRefusedSince,
  revocationGrounds: async ({ childId }, _, { loaders }) => revocationGrounds((await loaders.interventionSummaryByChild.load(childId)) ?? NO_INTERVENTION, todayInChina()),
  petitions: ({ childId }, args, { loaders }) => loaders.guardianshipPetitions(args).load(childId),
};
