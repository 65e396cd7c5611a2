import type { Migration } from 'kysely';
import * as household from './0001-household.ts';
import * as childStation from './0002-child-station.ts';
import * as childPlace from './0003-child-place.ts';
import * as writes from './0004-writes.ts';
import * as emergencyResponse from './0005-emergency-response.ts';
import * as childPlaceResidence from './0006-child-place-residence.ts';
import * as householdRollup from './0007-household-rollup.ts';

/** Every migration of this service, in order. Add new ones here; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-household': household,
  '0002-child-station': childStation,
  '0003-child-place': childPlace,
  '0004-writes': writes,
  '0005-emergency-response': emergencyResponse,
  '0006-child-place-residence': childPlaceResidence,
  '0007-household-rollup': householdRollup,
};
