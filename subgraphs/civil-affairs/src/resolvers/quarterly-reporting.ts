import { QUARTER_STATES, submissionDeadline } from '@lbc/schema';
import { assertRegionInJurisdiction } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import type { RegionRow } from '../db-types.ts';
import type { QuarterlyReportingResolvers, QuarterReportingAreaResolvers } from '../generated/resolvers-types.ts';
import { assertQuarterArgument } from '../quarterly/readable-submission.ts';
import type { QuarterlyReportingModel } from '../quarterly/reporting.ts';
import { quarterSubmissionDays } from '../quarterly/submission-days.ts';
import { submissionKey } from '../quarterly/submission-view.ts';

/**
 * Region.quarterlyReporting: the place's townships for the quarter, for places inside the
 * caller's jurisdiction (like its other aggregates); a village submits nothing (null).
 */
export async function quarterlyReporting(region: RegionRow, { quarter }: { quarter: string }, { loaders, principal }: CivilAffairsContext): Promise<QuarterlyReportingModel | null> {
  assertQuarterArgument(quarter);
  assertRegionInJurisdiction(principal, region.code);
  if (region.level === 'VILLAGE') return null;
  const rows = await loaders.quarterReporting.load(submissionKey(region.code, quarter));
  return { code: region.code, level: region.level, quarter, summary: rows.find((row) => row.whole)!, areas: rows.filter((row) => !row.whole) };
}

export const QuarterlyReporting: QuarterlyReportingResolvers = {
  deadline: (reporting) => submissionDeadline(reporting.quarter, quarterSubmissionDays()),
  region: (reporting, _, { loaders }) => loaders.regionByCode.load(reporting.code).then((region) => region!),
  // Each town's own submission, for a county (its towns) and a town (itself); above, the areas say enough.
  towns: async (reporting, _, { loaders }) => {
    if (reporting.level !== 'COUNTY' && reporting.level !== 'TOWN') return null;
    const towns = reporting.level === 'TOWN' ? [reporting.code] : (await loaders.townsOf.load(reporting.code)).map((town) => town.code);
    const rows = await loaders.quarterSubmission.loadMany(towns.map((town) => submissionKey(town, reporting.quarter)));
    return towns.map((townCode, i) => {
      const row = rows[i];
      if (row instanceof Error) throw row;
      return { townCode, quarter: reporting.quarter, row: row ?? null };
    });
  },
};

export const QuarterReportingArea: QuarterReportingAreaResolvers = {
  region: (area, _, { loaders }) => loaders.regionByCode.load(area.code).then((region) => region!),
  townsTotal: (area) => area.towns_total,
  townsByState: (area) => QUARTER_STATES.map((state) => ({ state, towns: area.by_state[state] })),
  townsOnTime: (area) => area.towns_on_time,
  townsLate: (area) => area.towns_late,
  townsOverdue: (area) => area.towns_overdue,
  reviewedChildren: (area) => area.reviewed_children,
  expectedChildren: (area) => area.expected_children,
};
