import type { CaseAssessmentResolvers } from '../generated/resolvers-types.ts';

/** A case's assessment, read from the case's row (set once assessed_on is). */
export const CaseAssessment: CaseAssessmentResolvers = {
  safety: (row) => row.assessment_safety!,
  guardianship: (row) => row.assessment_guardianship!,
  health: (row) => row.assessment_health!,
  summary: (row) => row.assessment_summary,
  assessedOn: (row) => row.assessed_on!,
  approvedOn: (row) => row.assessment_approved_on,
};
