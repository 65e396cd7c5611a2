import type { RollupDefinition } from '@lbc/subgraph-kit';
import { HEALTH_VILLAGE } from './health-village.ts';

export { HEALTH_VILLAGE } from './health-village.ts';
export { advanceHealthRollupClock, keepHealthRollupClock } from './health-rollup-clock.ts';

/** Every rollup of the health subgraph: the seed rebuilds them, the consistency check recounts them. */
export const ROLLUPS: readonly RollupDefinition[] = [HEALTH_VILLAGE];
