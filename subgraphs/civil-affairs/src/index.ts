import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { CivilAffairsDB } from './db-types.ts';
import { applyHandoffDiscovered } from './exchange/apply-handoff-discovered.ts';
import { applyIdentityIssued } from './exchange/apply-identity.ts';
import { createLoaders, type CivilAffairsLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { ROLLUPS } from './rollups/index.ts';

export type { CivilAffairsDB } from './db-types.ts';
export { loadRegions } from './regions/index.ts';

/** The civil-affairs subgraph: registry of left-behind children and the Region hierarchy. */
export const civilAffairs: SubgraphDefinition<CivilAffairsDB, CivilAffairsLoaders> = {
  name: 'civil-affairs',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers: resolvers as SubgraphDefinition<CivilAffairsDB, CivilAffairsLoaders>['resolvers'],
  migrations,
  createLoaders,
  // Region.registryStats sums these per-village counts (kept by triggers, rebuilt by the seed).
  rollups: ROLLUPS,
  // Places are applied by the kit; an ID number issued by the police is the registry's to take,
  // and a child the hub discovered is kept for the township to register.
  exchange: { handlers: { 'identity.issued': applyIdentityIssued, 'handoff.discovered': applyHandoffDiscovered } },
};
