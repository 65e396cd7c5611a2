import type { Migration } from 'kysely';
import * as handoffs from './0001-handoffs.ts';
import * as quality from './0002-quality.ts';

/** Every migration of this service, in order. Add new ones here; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-handoffs': handoffs,
  '0002-quality': quality,
};
