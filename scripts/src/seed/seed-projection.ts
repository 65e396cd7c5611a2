import type { Kysely } from 'kysely';
import type { Places } from './world/places.ts';
import type { SyntheticChild } from './world/synthetic-child.ts';

/**
 * How one agency's database is filled from the synthetic world: its slice of each child,
 * in the agency's own shape and keys.
 */
export interface SeedProjection<DB> {
  /** Rows that exist independently of children (staff, schools, stations); run once per seed. */
  prepare(db: Kysely<DB>, places: Places): Promise<void>;
  /** Writes one batch of children in a few multi-row statements (never one per child). */
  writeBatch(db: Kysely<DB>, children: readonly SyntheticChild[]): Promise<void>;
}
