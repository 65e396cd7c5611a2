import type { RollupDefinition } from '@lbc/subgraph-kit';
import { REGISTRY_VILLAGE_COUNTS } from './registry-village-counts.ts';

export { REGISTRY_COUNT_COLUMNS, REGISTRY_VILLAGE_COUNTS } from './registry-village-counts.ts';

/** Every rollup this subgraph keeps: what the seed rebuilds and the consistency check recounts. */
export const ROLLUPS: readonly RollupDefinition[] = [REGISTRY_VILLAGE_COUNTS];
