import { idNumberCheckChar } from '@lbc/schema';
import type { Kysely } from 'kysely';
import type { PoliceDB } from '../src/db-types.ts';
import { insertHouseholdFixtures } from './fixtures.ts';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

/** The extra children's ID numbers: five in Suxian's town 102, one in Fushun (Liaoning). */
export const JURISDICTION_ID = {
  zhang: ['007', '008', '009', '010', '011'].map((sequence) => withCheck(`43100320150101${sequence}`)),
  fushun: withCheck('21042120130301012'),
} as const;

export const JURISDICTION_HOUSEHOLD = { zhang: '431003000000003', fushun: '210421000000001' } as const;

/**
 * The places other agencies record for two Fushun children (the hub's one rule). LB000000012
 * is registered in Fushun (B), lives in Guiyang county, Hunan (A), goes to school in Yizhang
 * county (C) at its central primary, and is a patient of a Guiyang clinic. LB000000003 (pending
 * handover, placed in Fushun here) lives in Guiyang too. Nothing of theirs lies in Suxian
 * (431003) or its neighbour Beihu (431002), nor belongs to station PS-431003101.
 */
export const CHILD_PLACES = {
  multiPlaced: 'LB000000012',
  residence: '431021100201',
  school: '431022100201',
  schoolId: '431022100-P',
  clinicId: 'CL-431021100',
  unregistered: 'LB000000003',
} as const;

/** The town-102 children: enough in one place that a count reaches the small-cell threshold (5). */
export const TOWN_102_CHILDREN = ['LB000000007', 'LB000000008', 'LB000000009', 'LB000000010', 'LB000000011'];

/**
 * The shared fixtures (everything in Suxian's town 101, station PS-431003101, plus the
 * unregistered LB000000003 in Fushun), and, for jurisdiction:
 * - household 431003000000003 in Suxian's town 102 (village 431003102203, station PS-431003102)
 *   with five children LB000000007–011; LB000000007 has a mandatory report (received);
 * - household 210421000000001 in Fushun (village 210421100201, station PS-210421100) with LB000000012.
 */
export async function insertJurisdictionFixtures(db: Kysely<PoliceDB>): Promise<void> {
  await insertHouseholdFixtures(db);
  await db
    .insertInto('household')
    .values([
      { number: JURISDICTION_HOUSEHOLD.zhang, address_code: '431003102203', address_detail: '1组1号', head_name: '张大山', station_id: 'PS-431003102' },
      { number: JURISDICTION_HOUSEHOLD.fushun, address_code: '210421100201', address_detail: '2组3号', head_name: '刘长青', station_id: 'PS-210421100' },
    ])
    .execute();
  await db
    .insertInto('resident')
    .values([
      ...TOWN_102_CHILDREN.map((child_id, i) => ({
        id_number: JURISDICTION_ID.zhang[i]!,
        child_id,
        household_number: JURISDICTION_HOUSEHOLD.zhang,
        relationship_to_head: i % 2 === 0 ? ('GRANDSON' as const) : ('GRANDDAUGHTER' as const),
        registered_on: '2015-01-20',
      })),
      { id_number: JURISDICTION_ID.fushun, child_id: 'LB000000012', household_number: JURISDICTION_HOUSEHOLD.fushun, relationship_to_head: 'SON', registered_on: '2013-03-10' },
    ])
    .execute();
  await db
    .insertInto('mandatory_report')
    .values({ child_id: 'LB000000007', reporter_kind: 'SCHOOL', category: 'LIVING_ALONE', reported_at: '2024-09-01T08:00:00Z', status: 'RECEIVED', details: null })
    .execute();
  // The places of the two Fushun children; every other fixture child has none, so only the police's own rule places it.
  await db
    .insertInto('child_place')
    .values([
      {
        child_id: CHILD_PLACES.multiPlaced,
        residence_code: CHILD_PLACES.residence,
        registration_code: '210421100201',
        school_code: CHILD_PLACES.school,
        school_id: CHILD_PLACES.schoolId,
        station_id: 'PS-210421100',
        clinic_id: CHILD_PLACES.clinicId,
      },
      { child_id: CHILD_PLACES.unregistered, residence_code: CHILD_PLACES.residence, registration_code: null, school_code: null, school_id: null, station_id: null, clinic_id: null },
    ])
    .execute();
}
