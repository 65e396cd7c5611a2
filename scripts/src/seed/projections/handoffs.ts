import type { HandoffsDB } from '@lbc/handoffs';
import type { SeedProjection } from '../seed-projection.ts';
import { writeChildPlaces } from './child-places.ts';

/** The hub's hand-offs: every child's places (routing), then the hand-offs of the seeded world. */
export const handoffsProjection: SeedProjection<HandoffsDB> = {
  async prepare() {},
  async writeBatch(db, children) {
    await writeChildPlaces(db, children);
  },
};
