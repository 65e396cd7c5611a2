import type { DropoutReportResolvers } from '../generated/resolvers-types.ts';

export const DropoutReport: DropoutReportResolvers = {
  id: (report) => String(report.id),
  school: async (report, _, { loaders }) => (await loaders.schoolById.load(report.school_id))!,
  reportedOn: (report) => report.reported_on,
  persuasionAttempts: (report) => report.persuasion_attempts,
  lastPersuasionOn: (report) => report.last_persuasion_on,
  returnedOn: (report) => report.returned_on,
};
