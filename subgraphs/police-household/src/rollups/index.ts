import type { RollupDefinition } from '@lbc/subgraph-kit';
import { HOUSEHOLD_VILLAGE } from './household-village.ts';

export { HOUSEHOLD_VILLAGE, HOUSEHOLD_VILLAGE_COUNTS } from './household-village.ts';

/** Every rollup this service keeps (the seed rebuilds them, the consistency check recounts them). */
export const ROLLUPS: readonly RollupDefinition[] = [HOUSEHOLD_VILLAGE];
