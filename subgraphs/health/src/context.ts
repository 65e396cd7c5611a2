import type { SubgraphContext } from '@lbc/subgraph-kit';
import type { HealthDB } from './db-types.ts';
import type { HealthLoaders } from './loaders.ts';

export type HealthContext = SubgraphContext<HealthDB, HealthLoaders>;
