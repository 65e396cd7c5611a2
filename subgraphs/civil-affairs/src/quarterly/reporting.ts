import { QUARTER_STATES, submissionDeadline, type QuarterState } from '@lbc/schema';
import { todayInChina } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';
import { splitSubmissionKey } from './submission-view.ts';
import { quarterSubmissionDays } from './submission-days.ts';

/** One region's towns for one quarter, counted: the region as a whole, or one of its sub-regions. */
export interface ReportingAreaRow {
  /** The submissionKey-style key (`region|quarter`) of the reporting this row belongs to. */
  key: string;
  code: string;
  /** The reporting's region itself (its summary), not one of its sub-regions. */
  whole: boolean;
  towns_total: number;
  /** Towns by state: OPEN is the towns without a row. */
  by_state: Record<QuarterState, number>;
  towns_on_time: number;
  towns_late: number;
  towns_overdue: number;
  reviewed_children: number;
  expected_children: number;
}

const STATE_COLUMNS = sql.join(
  QUARTER_STATES.map((state) =>
    state === 'OPEN' ? sql`count(t.code) filter (where s.id is null)::int as ${sql.ref(`state_${state}`)}` : sql`count(s.id) filter (where s.state = ${state})::int as ${sql.ref(`state_${state}`)}`,
  ),
);

/**
 * The quarterly reporting of regions, keyed `region|quarter`: for each, a row for the region
 * as a whole and one per sub-region (a county's towns, a city's counties, a province's
 * cities), in one statement. The towns are the region table's (each sub-region's by code
 * range, over the (level, code) index); each town's submission is one probe of the
 * (quarter, town_code) key. Children are summed from the submissions' snapshots: as submitted, not live.
 */
export async function reportingAreas(db: Kysely<CivilAffairsDB>, keys: readonly string[]): Promise<ReportingAreaRow[]> {
  const today = todayInChina();
  const rows = keys.map((key) => {
    const { townCode: code, quarter } = splitSubmissionKey(key);
    return sql`(${key}::text, ${code}::text, ${quarter}::text, ${today > submissionDeadline(quarter, quarterSubmissionDays())}::boolean)`;
  });
  const { rows: counted } = await sql<Record<string, unknown> & { key: string; code: string; whole: boolean }>`
    select k.key, a.code, a.code = k.code as whole,
      count(t.code)::int as towns_total,
      ${STATE_COLUMNS},
      count(s.id) filter (where not s.submitted_late)::int as towns_on_time,
      count(s.id) filter (where s.submitted_late)::int as towns_late,
      count(t.code) filter (where s.id is null and k.overdue)::int as towns_overdue,
      coalesce(sum(s.reviewed_children), 0)::int as reviewed_children,
      coalesce(sum(s.expected_children), 0)::int as expected_children
    from (values ${sql.join(rows)}) as k(key, code, quarter, overdue)
    cross join lateral (
      select code from region where code = k.code
      union all
      select code from region where parent_code = k.code and level in ('CITY', 'COUNTY', 'TOWN')
    ) a
    left join region t on t.level = 'TOWN' and t.code between rpad(a.code, 9, '0') and rpad(a.code, 9, '9')
    -- One index probe per town: the planner cannot estimate the towns of a code range built
    -- from another row, and as a plain join it would hash the quarter's submissions once per
    -- sub-region; the limit keeps this subquery from being flattened into such a join.
    left join lateral (
      select id, state, submitted_late, reviewed_children, expected_children from quarterly_submission
      where quarter = k.quarter and town_code = t.code limit 1
    ) s on true
    group by k.key, a.code, k.code
    order by k.key, a.code`.execute(db);
  return counted.map((row) => ({
    key: row.key,
    code: row.code,
    whole: row.whole,
    towns_total: row.towns_total as number,
    by_state: Object.fromEntries(QUARTER_STATES.map((state) => [state, row[`state_${state}`] as number])) as Record<QuarterState, number>,
    towns_on_time: row.towns_on_time as number,
    towns_late: row.towns_late as number,
    towns_overdue: row.towns_overdue as number,
    reviewed_children: row.reviewed_children as number,
    expected_children: row.expected_children as number,
  }));
}

/** What Region.quarterlyReporting resolves from. */
export interface QuarterlyReportingModel {
  code: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWN';
  quarter: string;
  summary: ReportingAreaRow;
  areas: ReportingAreaRow[];
}
