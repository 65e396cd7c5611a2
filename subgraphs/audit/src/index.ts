import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { createLoaders, type AuditLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import type { HubDB } from './store/hub-db.ts';
import { hubMigrations } from './store/migrations/index.ts';

export type { HubDB } from './store/hub-db.ts';

/**
 * The hub's own subgraph over the hub database: the audit log for auditors, access
 * notices for owner agencies, and `accessExplain` for everyone. The gateway writes the
 * log (see ./store); this subgraph only reads it, apart from notice acknowledgements.
 */
export const audit: SubgraphDefinition<HubDB, AuditLoaders> = {
  name: 'audit',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers: resolvers as SubgraphDefinition<HubDB, AuditLoaders>['resolvers'],
  migrations: hubMigrations,
  createLoaders,
};
