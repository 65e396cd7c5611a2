import type { Principal } from '@lbc/schema';
import { childInJurisdiction, groupedLoader, keyedLoader, pageLoaderFamily, pagedListLoaderFamily, scopeOf, sumRollup } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import type {
  AssistanceRow,
  CivilAffairsDB,
  GuardianshipPetitionRow,
  GuardianWarningRow,
  HomeVisitRow,
  ProtectionCaseRow,
  QuarterlyReviewRow,
  RegionRow,
  RegistryVillageCountsTable,
} from './db-types.ts';
import { interventionSummaries } from './guardianship/intervention-summary.ts';
import { REGISTRY_CHILD } from './jurisdiction.ts';
import { townCompleteness, villageCompletenessPages } from './quarterly/completeness.ts';
import { reportingAreas } from './quarterly/reporting.ts';
import { splitSubmissionKey, submissionKey } from './quarterly/submission-view.ts';
import { REGISTRY_COUNT_COLUMNS, REGISTRY_VILLAGE_COUNTS } from './rollups/index.ts';

/** Exact counts of one region, summed from its villages' rollup rows; RegistryStats releases each to the caller (exactly or banded). */
export type RegistryStatsRow = Omit<RegistryVillageCountsTable, 'village_code'> & { code: string };

/**
 * Per-request loaders, built for one caller: every field that touches the database goes
 * through one, so a page of N children costs one statement per field, not N. Child rows
 * carry `in_scope` (the hub's row rule, childInJurisdiction), computed in the same
 * statement; resolvers refuse the rows that are not.
 */
export function createLoaders(db: Kysely<CivilAffairsDB>, principal: Principal) {
  const scope = scopeOf(principal, 'civil_affairs');
  const withScope = () =>
    db
      .selectFrom('child')
      .selectAll()
      .select(childInJurisdiction(scope, principal, REGISTRY_CHILD).as('in_scope'));
  return {
    scope,
    childById: keyedLoader(
      (ids: readonly string[]) => withScope().where('id', 'in', ids).execute(),
      (row) => row.id,
    ),
    childByIdNumber: keyedLoader(
      (numbers: readonly string[]) => withScope().where('id_number', 'in', numbers).execute(),
      (row) => row.id_number!,
    ),
    regionByCode: keyedLoader(
      (codes: readonly string[]) => db.selectFrom('region').selectAll().where('code', 'in', codes).execute(),
      (row) => row.code,
    ),
    staffById: keyedLoader(
      (ids: readonly string[]) => db.selectFrom('staff').selectAll().where('id', 'in', ids).execute(),
      (row) => row.id,
    ),
    parentsByChild: groupedLoader(
      (ids: readonly string[]) => db.selectFrom('parent').selectAll().where('child_id', 'in', ids).execute(),
      (row) => row.child_id,
    ),
    guardianByChild: keyedLoader(
      (ids: readonly string[]) => db.selectFrom('guardian').selectAll().where('child_id', 'in', ids).execute(),
      (row) => row.child_id,
    ),
    openRiskFlagsByChild: groupedLoader(
      (ids: readonly string[]) => db.selectFrom('risk_flag').selectAll().where('child_id', 'in', ids).where('cleared_on', 'is', null).execute(),
      (row) => row.child_id,
    ),
    homeVisits: pagedListLoaderFamily<HomeVisitRow>(db, {
      table: 'home_visit',
      parentColumn: 'child_id',
      orderBy: ['visited_on', 'id'],
      direction: 'desc',
    }),
    quarterlyReviews: pagedListLoaderFamily<QuarterlyReviewRow>(db, {
      table: 'quarterly_review',
      parentColumn: 'child_id',
      orderBy: ['reviewed_on', 'id'],
      direction: 'desc',
    }),
    assistance: pagedListLoaderFamily<AssistanceRow>(db, {
      table: 'assistance',
      parentColumn: 'child_id',
      orderBy: ['started_on', 'id'],
      direction: 'desc',
    }),
    protectionCases: pagedListLoaderFamily<ProtectionCaseRow>(db, {
      table: 'protection_case',
      parentColumn: 'child_id',
      orderBy: ['opened_on', 'id'],
      direction: 'desc',
    }),
    guardianWarnings: pagedListLoaderFamily<GuardianWarningRow>(db, {
      table: 'guardian_warning',
      parentColumn: 'child_id',
      orderBy: ['warned_on', 'id'],
      direction: 'desc',
    }),
    guardianshipPetitions: pagedListLoaderFamily<GuardianshipPetitionRow>(db, {
      table: 'guardianship_petition',
      parentColumn: 'child_id',
      orderBy: ['filed_on', 'id'],
      direction: 'desc',
    }),
    interventionSummaryByChild: keyedLoader(
      (ids: readonly string[]) => interventionSummaries(db, ids),
      (row) => row.childId,
    ),
    subRegions: pagedListLoaderFamily<RegionRow>(db, {
      table: 'region',
      parentColumn: 'parent_code',
      orderBy: ['code'],
      direction: 'asc',
    }),
    registryStats: keyedLoader(
      (codes: readonly string[]) => registryStats(db, codes),
      (row) => row.code,
    ),
    townsOf: groupedLoader(
      (codes: readonly string[]) => db.selectFrom('region').selectAll().where('parent_code', 'in', codes).where('level', '=', 'TOWN').orderBy('code').execute(),
      (row) => row.parent_code!,
    ),
    // The quarterly cycle: keyed `town|quarter` (submissionKey).
    quarterSubmission: keyedLoader(
      (keys: readonly string[]) =>
        db
          .selectFrom('quarterly_submission')
          .selectAll()
          .where((eb) =>
            eb(
              eb.refTuple('town_code', 'quarter'),
              'in',
              keys.map((key) => {
                const { townCode, quarter } = splitSubmissionKey(key);
                return eb.tuple(townCode, quarter);
              }),
            ),
          )
          .execute(),
      (row) => submissionKey(row.town_code, row.quarter),
    ),
    quarterCompleteness: keyedLoader(
      (keys: readonly string[]) => townCompleteness(db, keys),
      (row) => row.key,
    ),
    quarterVillages: pageLoaderFamily(1, (keys, window) => villageCompletenessPages(db, keys, window)),
    quarterHistory: groupedLoader(
      (ids: readonly number[]) => db.selectFrom('quarterly_submission_event').selectAll().where('submission_id', 'in', ids).orderBy('submission_id').orderBy('id').execute(),
      (row) => row.submission_id,
    ),
    // Keyed `region|quarter`: the region as a whole and its sub-regions.
    quarterReporting: groupedLoader(
      (keys: readonly string[]) => reportingAreas(db, keys),
      (row) => row.key,
    ),
  };
}

export type CivilAffairsLoaders = ReturnType<typeof createLoaders>;

/** A batch of regions' registry counts: sums over their villages' rollup rows, one statement. */
function registryStats(db: Kysely<CivilAffairsDB>, codes: readonly string[]): Promise<RegistryStatsRow[]> {
  return sumRollup<RegistryStatsRow>(db, { table: REGISTRY_VILLAGE_COUNTS.name, area: REGISTRY_VILLAGE_COUNTS.area, columns: REGISTRY_COUNT_COLUMNS }, codes);
}
