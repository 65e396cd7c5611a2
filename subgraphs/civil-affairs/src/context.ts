import type { SubgraphContext } from '@lbc/subgraph-kit';
import type { CivilAffairsDB } from './db-types.ts';
import type { CivilAffairsLoaders } from './loaders.ts';

export type CivilAffairsContext = SubgraphContext<CivilAffairsDB, CivilAffairsLoaders>;
