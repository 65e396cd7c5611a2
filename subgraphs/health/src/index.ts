import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { HealthDB } from './db-types.ts';
import { applyIdentityIssued } from './exchange/apply-identity-issued.ts';
import { createLoaders, type HealthLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { keepHealthRollupClock, ROLLUPS } from './rollups/index.ts';

export type { HealthDB } from './db-types.ts';

/** The health subgraph: child health records, immunisation, growth, disability, illness and mental-health screening. */
export const health: SubgraphDefinition<HealthDB, HealthLoaders> = {
  name: 'health',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers: resolvers as SubgraphDefinition<HealthDB, HealthLoaders>['resolvers'],
  migrations,
  createLoaders,
  // Places it applies by the kit; an ID number issued by the police it writes on its own records.
  exchange: { handlers: { 'identity.issued': applyIdentityIssued } },
  rollups: ROLLUPS,
  // Region counts of immunisation are kept as of a day that must follow the calendar.
  maintain: (db, log) => keepHealthRollupClock(db, log),
};
