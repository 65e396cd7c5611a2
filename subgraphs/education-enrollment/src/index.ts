import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { EducationDB } from './db-types.ts';
import { applyIdentityIssued } from './exchange/identity-issued.ts';
import { createLoaders, type EducationLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { ROLLUPS } from './rollups/index.ts';

export type { EducationDB } from './db-types.ts';

/** The education subgraph: schools, enrollments and what schools know about left-behind children. */
export const educationEnrollment: SubgraphDefinition<EducationDB, EducationLoaders> = {
  name: 'education-enrollment',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers: resolvers as SubgraphDefinition<EducationDB, EducationLoaders>['resolvers'],
  migrations,
  createLoaders,
  // Region.schoolStats sums these: kept at each write, rebuilt by the seed, recounted by the check.
  rollups: ROLLUPS,
  // Places (the school) the kit applies itself; an ID number issued by the police gives a temporary student number its national one.
  exchange: { handlers: { 'identity.issued': applyIdentityIssued } },
};
