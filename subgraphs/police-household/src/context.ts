import type { SubgraphContext } from '@lbc/subgraph-kit';
import type { PoliceDB } from './db-types.ts';
import type { PoliceLoaders } from './loaders.ts';

export type PoliceContext = SubgraphContext<PoliceDB, PoliceLoaders>;
