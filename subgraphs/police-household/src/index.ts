import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { PoliceDB } from './db-types.ts';
import { applyHandoffUnregistered } from './exchange/apply-handoff-unregistered.ts';
import { createLoaders, type PoliceLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { ROLLUPS } from './rollups/index.ts';

export type { PoliceDB } from './db-types.ts';
// The seed's view of the world derives it exactly as the resolver does.
export { guardianCanAct } from './guardian-can-act.ts';

/** The police subgraph: household registration, mandatory reports, missing children, parents' guardianship status. */
export const policeHousehold: SubgraphDefinition<PoliceDB, PoliceLoaders> = {
  name: 'police-household',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers: resolvers as SubgraphDefinition<PoliceDB, PoliceLoaders>['resolvers'],
  migrations,
  createLoaders,
  // Region.householdStats sums villages' counts, kept by every write (see 0007-household-rollup.ts).
  rollups: ROLLUPS,
  // Police issue identities and publish registration places; they receive places (which the
  // kit applies) and the hub's hand-over of children without household registration.
  exchange: { handlers: { 'handoff.unregistered': applyHandoffUnregistered } },
};
