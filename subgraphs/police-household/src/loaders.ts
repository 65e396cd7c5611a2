import type { Principal } from '@lbc/schema';
import { childInJurisdiction, groupedLoader, keyedLoader, pagedListLoaderFamily, regionRanges, scopeOf, type Scoped } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { EmergencyResponseRow, HouseholdRow, MandatoryReportRow, MissingReportRow, ParentStatusRow, PoliceChildRow, PoliceDB } from './db-types.ts';
import { householdInScope, POLICE_CHILD } from './jurisdiction.ts';

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

async function householdStats(db: Kysely<PoliceDB>, codes: readonly string[]): Promise<HouseholdStatsRow[]> {
  // Reports are counted one by one (a child may have several); the other figures count children.
  // The view is joined through LATERAL ... OFFSET 0 so it is planned once per region with that
  // region's range as a parameter: a plain join cannot reach into the view's branches and
  // would read every child for any region.
  const { rows } = await sql<HouseholdStatsRow>`
    select r.code,
      count(c.id) filter (where c.registered)::int as registered_children,
      count(c.id) filter (where c.registration_status = 'REGISTERED_AFTER_REPORT')::int as registered_after_report,
      count(c.id) filter (where not c.registered)::int as unregistered_pending,
      coalesce(sum(m.received), 0)::int as mandatory_reports_awaiting_response,
      coalesce(sum(m.responding), 0)::int as mandatory_reports_responding,
      count(c.id) filter (where exists (
        select 1 from missing_report x where x.child_id = c.id and x.found_at is null))::int as missing_children_not_found,
      count(c.id) filter (where exists (
        select 1 from parent_status s where s.child_id = c.id and s.status = 'SERVING_SENTENCE' and s.ended_on is null
      ))::int as children_with_parent_serving_sentence
    from ${regionRanges(codes)}
    left join lateral (
      select p.id, p.registered, p.registration_status from police_child p where p.place_code between r.low and r.high offset 0
    ) c on true
    left join lateral (
      select count(*) filter (where mr.status = 'RECEIVED') as received,
        count(*) filter (where mr.status = 'RESPONDING') as responding
      from mandatory_report mr where mr.child_id = c.id
    ) m on true
    group by r.code`.execute(db);
  return rows;
}
