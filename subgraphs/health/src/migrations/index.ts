import type { Migration } from 'kysely';
import * as health from './0001-health.ts';
import * as childPlace from './0002-child-place.ts';
import * as writes from './0003-writes.ts';
import * as childPlaceResidence from './0004-child-place-residence.ts';
import * as healthRollup from './0005-health-rollup.ts';

/** Every migration of this service, in order. Add new ones here; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-health': health,
  '0002-child-place': childPlace,
  '0003-writes': writes,
  '0004-child-place-residence': childPlaceResidence,
  '0005-health-rollup': healthRollup,
};
