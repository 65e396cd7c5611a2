import type { Migration } from 'kysely';
import * as handoffs from './0001-handoffs.ts';

/** Every migration of this service, in order. Add new ones here; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-handoffs': handoffs,
};
