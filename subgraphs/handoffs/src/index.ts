import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import type { HandoffsDB } from './db-types.ts';
import { resolveOnEvent } from './exchange/resolve-handoffs.ts';
import { createLoaders, type HandoffsLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

export type { HandoffsDB } from './db-types.ts';

/**
 * The hub's hand-off subgraph: referrals between agencies with their clocks, work queues
 * and 12355 hotline tickets. It takes part in the exchange: places route a hand-off to the
 * right station or township; an ID number issued or a child back at school closes the
 * hand-off that asked for it (a residence, for a child it discovered: the registry holds it
 * now); a child handed over as unregistered is published to the police, a discovered one to
 * civil affairs.
 */
export const handoffs: SubgraphDefinition<HandoffsDB, HandoffsLoaders> = {
  name: 'handoffs',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers: resolvers as SubgraphDefinition<HandoffsDB, HandoffsLoaders>['resolvers'],
  migrations,
  createLoaders,
  exchange: {
    handlers: {
      'identity.issued': resolveOnEvent('UNREGISTERED_HANDOVER', () => 'the police registered the child and issued its ID number'),
      'dropout.returned': resolveOnEvent('DROPOUT_REPORT', (e) => `back at school on ${(e.payload as { returnedOn: string }).returnedOn}`),
      // Only the registry publishes a residence: for a discovered child, that is its registration.
      'place.residence': resolveOnEvent('DISCOVERY', () => 'the township registered the child under this id'),
    },
  },
};
