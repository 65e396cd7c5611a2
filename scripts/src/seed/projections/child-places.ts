import type { ChildPlaceTable } from '@lbc/subgraph-kit';
import type { Insertable } from 'kysely';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { clinicId } from './health.ts';
import { policeStationId } from './police-household.ts';

/**
 * The places of each child (see the kit's child-places.ts), written into every agency
 * database alike: residence, household registration, school, and the school, station and
 * clinic it belongs to.
 */
export function childPlaceRows(children: readonly SyntheticChild[]): Insertable<ChildPlaceTable>[] {
  return children.map((c) => ({
    child_id: c.id,
    residence_code: c.villageCode,
    registration_code: c.household?.addressCode ?? null,
    school_code: c.school?.villageCode ?? null,
    school_id: c.school?.schoolId ?? null,
    station_id: c.household ? policeStationId(c.household.addressCode.slice(0, 9)) : null,
    clinic_id: clinicId(c.health.clinicTown),
  }));
}
