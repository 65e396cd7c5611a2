import type { AccessAnomalyResolvers } from '../generated/resolvers-types.ts';

export const AccessAnomaly: AccessAnomalyResolvers = {
  entries: (anomaly, { first }, { loaders }) => loaders.anomalyEntries(first).load(anomaly),
};
