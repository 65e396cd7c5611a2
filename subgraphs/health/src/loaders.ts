import { todayInChina, type Principal } from '@lbc/schema';
import { childInJurisdiction, keyedLoader, pagedListLoaderFamily, scopeOf, type Scope, type Scoped } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { ChronicConditionRow, GrowthAssessmentValue, GrowthMeasurementRow, HealthDB, HospitalStayRow, ImmunisationRow, MentalHealthScreeningRow, PatientRow } from './db-types.ts';
import { immunisationIncomplete, latestGrowthAssessment, needsFollowUp, seriousCondition } from './health-facts.ts';
import { healthRegionStats, type HealthRegionStatsRow } from './health-region-stats.ts';
import { PATIENT, patientListedInScope } from './jurisdiction.ts';

/** The derived facts of one child: what other agencies may see instead of the records behind them. */
export interface HealthFactsRow {
  child_id: string;
  immunisation_complete: boolean;
  latest_growth_assessment: GrowthAssessmentValue | null;
  serious_condition: boolean;
  needs_follow_up: boolean;
}

export type { HealthRegionStatsRow };

/** What `HealthRegionStats` resolves from: the exact counts; each field releases its count to the caller (exactly or banded). */
export type HealthRegionStatsView = HealthRegionStatsRow;

/**
 * Per-request loaders, built for one caller: every field that touches the database goes
 * through one, so a page of N children costs one statement per field, not N, and every
 * statement that returns child rows applies the caller's jurisdiction (see jurisdiction.ts):
 * lookups and derived facts apply the hub's row rule, a clinic's patient list health's own places.
 * Histories (immunisations, growth, disability…) hang off a child that was already
 * authorized when it was loaded, so they need no filter of their own.
 */
export function createLoaders(db: Kysely<HealthDB>, principal: Principal) {
  // One "today" per request, so every derived fact of a response is judged on the same day.
  const asOf = todayInChina();
  const scope = scopeOf(principal, 'health');
  return {
    /** The caller's scope in health: writes check their rows against it in SQL. */
    scope,
    // Lookups load the row even when it is out of scope, with the verdict beside it, so
    // the resolver can say FORBIDDEN rather than pretend the record does not exist.
    patientByChild: keyedLoader(
      (ids: readonly string[]) => scopedPatients(db, scope, principal).where('p.child_id', 'in', ids).execute(),
      (row) => row.child_id,
    ),
    patientByRecordNumber: keyedLoader(
      (numbers: readonly string[]) => scopedPatients(db, scope, principal).where('p.record_number', 'in', numbers).execute(),
      (row) => row.record_number,
    ),
    patientByIdNumber: keyedLoader(
      (numbers: readonly string[]) => scopedPatients(db, scope, principal).where('p.id_number', 'in', numbers).execute(),
      (row) => row.id_number!,
    ),
    clinicById: keyedLoader(
      (ids: readonly string[]) => db.selectFrom('clinic').selectAll().where('id', 'in', ids).execute(),
      (row) => row.id,
    ),
    latestDisability: keyedLoader(
      (ids: readonly string[]) =>
        db.selectFrom('disability_assessment').selectAll().distinctOn('child_id').where('child_id', 'in', ids).orderBy('child_id').orderBy('assessed_on', 'desc').orderBy('id', 'desc').execute(),
      (row) => row.child_id,
    ),
    healthFacts: keyedLoader(
      (ids: readonly string[]) => healthFacts(db, scope, principal, ids, asOf),
      (row) => row.child_id,
    ),
    // A clinic is open to all, its patient list is child data: the rule applies per patient row.
    clinicPatients: pagedListLoaderFamily<PatientRow>(db, {
      table: 'patient',
      alias: 'p',
      parentColumn: 'clinic_id',
      orderBy: ['child_id'],
      direction: 'asc',
      where: patientListedInScope(scope),
    }),
    immunisations: pagedListLoaderFamily<ImmunisationRow>(db, {
      table: 'immunisation',
      parentColumn: 'child_id',
      orderBy: ['given_on', 'id'],
      direction: 'desc',
    }),
    growthMeasurements: pagedListLoaderFamily<GrowthMeasurementRow>(db, {
      table: 'growth_measurement',
      parentColumn: 'child_id',
      orderBy: ['measured_on', 'id'],
      direction: 'desc',
    }),
    chronicConditions: pagedListLoaderFamily<ChronicConditionRow>(db, {
      table: 'chronic_condition',
      parentColumn: 'child_id',
      orderBy: ['diagnosed_on', 'id'],
      direction: 'desc',
    }),
    hospitalStays: pagedListLoaderFamily<HospitalStayRow>(db, {
      table: 'hospital_stay',
      parentColumn: 'child_id',
      orderBy: ['admitted_on', 'id'],
      direction: 'desc',
    }),
    mentalHealthScreenings: pagedListLoaderFamily<MentalHealthScreeningRow>(db, {
      table: 'mental_health_screening',
      parentColumn: 'child_id',
      orderBy: ['screened_on', 'id'],
      direction: 'desc',
    }),
    healthStats: keyedLoader(
      (codes: readonly string[]) => healthRegionStats(db, codes, asOf),
      (row) => row.code,
    ),
  };
}

export type HealthLoaders = ReturnType<typeof createLoaders>;

/** Patient rows with the caller's verdict on each (`in_scope`), computed in the same statement. */
function scopedPatients(db: Kysely<HealthDB>, scope: Scope, principal: Principal) {
  return db
    .selectFrom('patient as p')
    .selectAll('p')
    .select(childInJurisdiction(scope, principal, PATIENT).as('in_scope'))
    .$castTo<Scoped<PatientRow>>();
}

/**
 * The derived facts are asked for children already authorized, but they are yes/no
 * answers about a child's health: the rule is applied here too, so no path through this
 * loader can reveal them for a child out of scope (such a child gets null facts).
 */
async function healthFacts(db: Kysely<HealthDB>, scope: Scope, principal: Principal, ids: readonly string[], asOf: string): Promise<HealthFactsRow[]> {
  const { rows } = await sql<HealthFactsRow>`
    select p.child_id,
      not ${immunisationIncomplete(asOf)} as immunisation_complete,
      ${latestGrowthAssessment} as latest_growth_assessment,
      ${seriousCondition} as serious_condition,
      ${needsFollowUp(asOf)} as needs_follow_up
    from patient p
    where p.child_id in (${sql.join(ids as string[])}) and ${childInJurisdiction(scope, principal, PATIENT)}`.execute(db);
  return rows;
}
