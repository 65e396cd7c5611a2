import type { Principal } from '@lbc/schema';
import { childInJurisdiction, groupedLoader, keyedLoader, pagedListLoaderFamily, scopeOf, sumRollup, type Scoped } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import type { EmergencyResponseRow, HouseholdRow, MandatoryReportRow, MissingReportRow, ParentStatusRow, PoliceChildRow, PoliceDB } from './db-types.ts';
import { householdInScope, POLICE_CHILD } from './jurisdiction.ts';
import { HOUSEHOLD_VILLAGE, HOUSEHOLD_VILLAGE_COUNTS } from './rollups/index.ts';

export interface HouseholdStatsRow {
  code: string;
  registered_children: number;
  registered_after_report: number;
  unregistered_pending: number;
  mandatory_reports_awaiting_response: number;
  mandatory_reports_responding: number;
  missing_children_not_found: number;
  children_with_parent_serving_sentence: number;
}

/** What HouseholdRegionStats resolves from: the exact counts; each field releases its count to the caller (exactly or banded). */
export type HouseholdStats = HouseholdStatsRow;

/** The model behind Household: resolvers hand one out only when it is in scope. */
export type ScopedHouseholdRow = Scoped<HouseholdRow>;

/**
 * Per-request loaders for one principal: every field that touches the database goes through
 * one, so a page of N children costs one statement per field, not N. Lookups of single
 * children and households select `in_scope` in the same statement, so the resolver can tell
 * "not yours" (FORBIDDEN) from "not here" (null) without a second query. Histories hanging
 * off a child or report (reports, responses, missing reports, parent statuses) are reached
 * only through an already authorized child, so they carry no filter of their own.
 */
export function createLoaders(db: Kysely<PoliceDB>, principal: Principal) {
  const scope = scopeOf(principal, 'police');
  const children = () =>
    db
      .selectFrom('police_child')
      .selectAll()
      .select(childInJurisdiction(scope, principal, POLICE_CHILD).as('in_scope'));
  return {
    /** The caller's scope here: writes judge the rows they write by it. */
    scope,
    childById: keyedLoader(
      (ids: readonly string[]): Promise<Scoped<PoliceChildRow>[]> => children().where('id', 'in', ids).execute(),
      (row) => row.id,
    ),
    // Adults are residents too, but they are not the hub's children: the view holds children only.
    childByIdNumber: keyedLoader(
      (numbers: readonly string[]): Promise<Scoped<PoliceChildRow>[]> => children().where('id_number', 'in', numbers).execute(),
      (row) => row.id_number!,
    ),
    householdByNumber: keyedLoader(
      (numbers: readonly string[]): Promise<ScopedHouseholdRow[]> =>
        db.selectFrom('household').selectAll().select(householdInScope(scope, 'household').as('in_scope')).where('number', 'in', numbers).execute(),
      (row) => row.number,
    ),
    currentParentStatusesByChild: groupedLoader(
      (ids: readonly string[]) => db.selectFrom('parent_status').selectAll().where('child_id', 'in', ids).where('ended_on', 'is', null).execute(),
      (row) => row.child_id,
    ),
    // Members are only listed for a household already in scope (see Household.members).
    householdMembers: pagedListLoaderFamily<PoliceChildRow>(db, {
      table: 'police_child',
      parentColumn: 'household_number',
      orderBy: ['id'],
      direction: 'asc',
    }),
    // Reached only through an authorized child (a write's payload checks the child first).
    mandatoryReportById: keyedLoader(
      (ids: readonly number[]) => db.selectFrom('mandatory_report_with_responses').selectAll().where('id', 'in', ids).execute(),
      (row) => row.id,
    ),
    mandatoryReports: pagedListLoaderFamily<MandatoryReportRow>(db, {
      table: 'mandatory_report_with_responses',
      parentColumn: 'child_id',
      orderBy: ['reported_at', 'id'],
      direction: 'desc',
    }),
    emergencyResponses: pagedListLoaderFamily<EmergencyResponseRow>(db, {
      table: 'emergency_response',
      parentColumn: 'report_id',
      orderBy: ['responded_at', 'id'],
      direction: 'desc',
    }),
    missingReports: pagedListLoaderFamily<MissingReportRow>(db, {
      table: 'missing_report',
      parentColumn: 'child_id',
      orderBy: ['reported_at', 'id'],
      direction: 'desc',
    }),
    parentStatuses: pagedListLoaderFamily<ParentStatusRow>(db, {
      table: 'parent_status',
      parentColumn: 'child_id',
      orderBy: ['since', 'id'],
      direction: 'desc',
    }),
    // Unfiltered on purpose: Region.householdStats admits only regions inside the jurisdiction,
    // where every child counted is in scope by place; HouseholdRegionStats applies disclosure control.
    householdStats: keyedLoader(
      (codes: readonly string[]) => householdStats(db, codes),
      (row) => row.code,
    ),
  };
}

export type PoliceLoaders = ReturnType<typeof createLoaders>;

/** The region counts, summed over the villages of the household rollup: one statement for every region asked. */
function householdStats(db: Kysely<PoliceDB>, codes: readonly string[]): Promise<HouseholdStatsRow[]> {
  return sumRollup<HouseholdStatsRow>(db, { table: HOUSEHOLD_VILLAGE.name, area: HOUSEHOLD_VILLAGE.area, columns: HOUSEHOLD_VILLAGE_COUNTS }, codes);
}
