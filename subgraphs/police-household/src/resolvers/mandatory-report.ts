import { pageWindow, toConnection } from '@lbc/subgraph-kit';
import { RESPONSES_WITH_REPORT } from '../db-types.ts';
import type { MandatoryReportResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';

export const MandatoryReport: MandatoryReportResolvers = {
  id: (report) => String(report.id),
  // Every path to a report (a child's list, a region's list) goes through a known, in-scope
  // child; should one ever lead elsewhere, the child is refused rather than shown (and the
  // message names the report, not the child it must not reveal).
  child: async (report, _, { loaders }) => visibleOrForbidden(await loaders.childById.load(report.child_id), `the child of report ${report.id}`),
  reporterKind: (report) => report.reporter_kind,
  reportedAt: (report) => report.reported_at,
  handoffId: (report) => report.handoff_id,
  station: (report) => report.station_id,
  // The first page came with the report; only a later or longer page costs a statement.
  emergencyResponses: (report, args, { loaders }) => {
    const window = pageWindow(args, 2);
    if (window.after || window.first > RESPONSES_WITH_REPORT) return loaders.emergencyResponses(args).load(String(report.id));
    const rows = report.first_responses.map((r) => ({ ...r, responded_at: new Date(r.responded_at) }));
    return toConnection(rows, window.first, (row) => [row.responded_at.toISOString(), row.id]);
  },
};
