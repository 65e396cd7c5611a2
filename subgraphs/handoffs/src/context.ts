import type { SubgraphContext } from '@lbc/subgraph-kit';
import type { HandoffsDB } from './db-types.ts';
import type { HandoffsLoaders } from './loaders.ts';

export type HandoffsContext = SubgraphContext<HandoffsDB, HandoffsLoaders>;
