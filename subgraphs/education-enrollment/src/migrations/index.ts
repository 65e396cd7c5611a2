import type { Migration } from 'kysely';
import * as enrollment from './0001-enrollment.ts';
import * as dropCurrentEnrollmentView from './0002-drop-current-enrollment-view.ts';
import * as childPlace from './0003-child-place.ts';
import * as writes from './0004-writes.ts';
import * as childPlaceResidence from './0005-child-place-residence.ts';
import * as schoolStatsRollups from './0006-school-stats-rollups.ts';

/** Every migration of this service, in order. Add new ones here; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-enrollment': enrollment,
  '0002-drop-current-enrollment-view': dropCurrentEnrollmentView,
  '0003-child-place': childPlace,
  '0004-writes': writes,
  '0005-child-place-residence': childPlaceResidence,
  '0006-school-stats-rollups': schoolStatsRollups,
};
