import { testPrincipal } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import type { CivilAffairsDB } from '../src/db-types.ts';

/** The callers the write tests act as; the bed's default is the Suxian county officer. */
export const CALLERS = {
  county: testPrincipal(),
  town: testPrincipal({ subject: 'town-officer', level: 'town', region: '431003101' }),
  village: testPrincipal({ subject: 'village-supervisor', level: 'village', region: '431003101201' }),
  city: testPrincipal({ subject: 'city-officer', level: 'city', region: '4310' }),
  villageCommittee: testPrincipal({ subject: 'committee-clerk', level: 'village', region: '431003101201', org: 'VC-431003101201' }),
  /** Fushun county: LB000000003 lives there, the Suxian children do not. */
  otherCounty: testPrincipal({ subject: 'fushun-officer', region: '210421' }),
};

/** The registry version of a child's file, as the database holds it. */
export async function registryVersion(db: Kysely<CivilAffairsDB>, childId: string): Promise<number> {
  return (await db.selectFrom('child').select('version').where('id', '=', childId).executeTakeFirstOrThrow()).version;
}
