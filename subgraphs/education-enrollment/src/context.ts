import type { SubgraphContext } from '@lbc/subgraph-kit';
import type { EducationDB } from './db-types.ts';
import type { EducationLoaders } from './loaders.ts';

export type EducationContext = SubgraphContext<EducationDB, EducationLoaders>;
