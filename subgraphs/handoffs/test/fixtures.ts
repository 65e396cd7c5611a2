import type { Principal } from '@lbc/schema';
import { testPrincipal } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import type { HandoffsDB } from '../src/db-types.ts';

/** A pupil of a village school, registered at the township's police station. */
export const PUPIL = 'LB000000001';
/** A child living in the township without household registration. */
export const UNREGISTERED = 'LB000000002';
/** A child of another county. */
export const ELSEWHERE = 'LB000000009';

export const TOWN = '431003101';
export const STATION = 'PS-431003101';
export const SCHOOL = 'SCH-431003101001';

/** The callers of the mechanisms, each at its unit. */
export const people = {
  teacher: testPrincipal({ subject: 'teacher-1', agency: 'education', level: 'town', region: TOWN, org: SCHOOL }),
  countyEducation: testPrincipal({ subject: 'edu-county', agency: 'education', level: 'county', region: '431003' }),
  station: testPrincipal({ subject: 'station-officer', agency: 'police', level: 'town', region: TOWN, org: STATION }),
  countyPolice: testPrincipal({ subject: 'police-county', agency: 'police', level: 'county', region: '431003' }),
  cityPolice: testPrincipal({ subject: 'police-city', agency: 'police', level: 'city', region: '4310' }),
  township: testPrincipal({ subject: 'town-officer', agency: 'civil_affairs', level: 'town', region: TOWN }),
  countyCivil: testPrincipal({ subject: 'civil-county', agency: 'civil_affairs', level: 'county', region: '431003' }),
  youthLeague: testPrincipal({ subject: 'operator-12355', agency: 'youth_league', level: 'county', region: '431003' }),
  otherCountyPolice: testPrincipal({ subject: 'police-other', agency: 'police', level: 'county', region: '431021' }),
  auditor: testPrincipal({ subject: 'auditor', agency: 'audit', level: 'province', region: '43' }),
} satisfies Record<string, Principal>;

/** The places the exchange would have delivered. */
export async function handoffFixtures(db: Kysely<HandoffsDB>): Promise<void> {
  await db
    .insertInto('child_place')
    .values([
      { child_id: PUPIL, residence_code: `${TOWN}001`, registration_code: `${TOWN}001`, station_id: STATION, school_code: `${TOWN}001`, school_id: SCHOOL, clinic_id: null },
      { child_id: UNREGISTERED, residence_code: `${TOWN}002`, registration_code: null, station_id: null, school_code: null, school_id: null, clinic_id: null },
      { child_id: ELSEWHERE, residence_code: '431021100001', registration_code: '431021100001', station_id: 'PS-431021100', school_code: null, school_id: null, clinic_id: null },
    ])
    .execute();
}
