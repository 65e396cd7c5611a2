import type { ProtectionCaseResolvers } from '../generated/resolvers-types.ts';

export const ProtectionCase: ProtectionCaseResolvers = {
  id: (protectionCase) => String(protectionCase.id),
  openedOn: (protectionCase) => protectionCase.opened_on,
  closedOn: (protectionCase) => protectionCase.closed_on,
  lead: (protectionCase, _, { loaders }) => (protectionCase.lead_staff_id ? loaders.staffById.load(protectionCase.lead_staff_id) : null),
};
