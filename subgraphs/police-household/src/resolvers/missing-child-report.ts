import type { MissingChildReportResolvers } from '../generated/resolvers-types.ts';

export const MissingChildReport: MissingChildReportResolvers = {
  id: (report) => String(report.id),
  reportedAt: (report) => report.reported_at,
  foundAt: (report) => report.found_at,
};
