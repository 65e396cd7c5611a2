import type { EmergencyResponseResolvers } from '../generated/resolvers-types.ts';

export const EmergencyResponse: EmergencyResponseResolvers = {
  id: (response) => String(response.id),
  respondedAt: (response) => response.responded_at,
};
