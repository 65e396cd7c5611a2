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
  /** Rows that summarise the children written (a township's quarterly counts); run once, after the last batch. */
  finish?(db: Kysely<DB>, places: Places): Promise<void>;
}

/** Several projections into one database, each step of each in the order given. */
export function inOrder<DB>(...projections: SeedProjection<DB>[]): SeedProjection<DB> {
  return {
    async prepare(db, places) {
      for (const p of projections) await p.prepare(db, places);
    },
    async writeBatch(db, children) {
      for (const p of projections) await p.writeBatch(db, children);
    },
    async finish(db, places) {
      for (const p of projections) await p.finish?.(db, places);
    },
  };
}
