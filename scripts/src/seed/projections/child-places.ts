import { applyPlaceEvents, type ChildPlaceTable, type NewEvent } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { enrollmentCurrent } from '../world/as-recorded.ts';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { clinicId } from './health.ts';
import { policeStationId } from './police-household.ts';

/**
 * The places of each child as the agencies that own them would publish them: residence
 * (civil affairs), household registration and station (police), school (education),
 * clinic (health). A child the registry does not hold has no residence place; a child
 * without a current enrollment has no school place.
 */
export function childPlaceEvents(children: readonly SyntheticChild[]): NewEvent[] {
  return children.flatMap((c): NewEvent[] => [
    ...(c.inRegistry ? [{ childId: c.id, kind: 'place.residence', payload: { residenceCode: c.villageCode } } as const] : []),
    {
      childId: c.id,
      kind: 'place.registration',
      payload: { registrationCode: c.household?.addressCode ?? null, stationId: c.household ? policeStationId(c.household.addressCode.slice(0, 9)) : null },
    },
    { childId: c.id, kind: 'place.school', payload: enrollmentCurrent(c) ? { schoolCode: c.school!.villageCode, schoolId: c.school!.schoolId } : { schoolCode: null, schoolId: null } },
    { childId: c.id, kind: 'place.clinic', payload: { clinicId: clinicId(c.health.clinicTown) } },
  ]);
}

/**
 * Writes the places of a batch of children into one agency database through the same code
 * the exchange's deliveries run (applyPlaceEvents), so seeded jurisdiction and delivered
 * jurisdiction cannot differ. The seeded world is the state before the hub: nothing is
 * published to the outboxes.
 */
export function writeChildPlaces<DB extends { child_place: ChildPlaceTable }>(db: Kysely<DB>, children: readonly SyntheticChild[]): Promise<void> {
  return applyPlaceEvents(db, childPlaceEvents(children) as Parameters<typeof applyPlaceEvents>[1]);
}
