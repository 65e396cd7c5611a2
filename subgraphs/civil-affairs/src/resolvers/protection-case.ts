import type { ProtectionCaseResolvers } from '../generated/resolvers-types.ts';

export const ProtectionCase: ProtectionCaseResolvers = {
  id: (protectionCase) => String(protectionCase.id),
  openedOn: (protectionCase) => protectionCase.opened_on,
  closedOn: (protectionCase) => protectionCase.closed_on,
  closeReason: (protectionCase) => protectionCase.close_reason,
  lead: (protectionCase, _, { loaders }) => (protectionCase.lead_staff_id ? loaders.staffById.load(protectionCase.lead_staff_id) : null),
  handoffId: (protectionCase) => protectionCase.handoff_id,
  // The assessment lives on the case's row: CaseAssessment reads the same row.
  assessment: (protectionCase) => (protectionCase.assessed_on !== null ? protectionCase : null),
};
