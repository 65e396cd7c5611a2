import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createLoaders, type AuditLoaders } from './loaders.ts';
import { accessExplainResolver } from './resolvers/access-explain.ts';
import { resolvers } from './resolvers/index.ts';
import type { HubDB } from './store/hub-db.ts';
import { hubMigrations } from './store/migrations/index.ts';

export type { HubDB } from './store/hub-db.ts';

export type AuditSubgraph = SubgraphDefinition<HubDB, AuditLoaders>;

/**
 * The hub's own subgraph over the hub database: the audit log for auditors, access
 * notices for owner agencies, and `accessExplain` for everyone — explained against
 * `supergraphSdl`, the graph the gateway serves. The gateway writes the log (see
 * ./store); this subgraph only reads it, apart from notice acknowledgements.
 */
export function createAuditSubgraph(supergraphSdl: string): AuditSubgraph {
  return {
    name: 'audit',
    typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
    resolvers: { ...resolvers, Query: { ...resolvers.Query, accessExplain: accessExplainResolver(supergraphSdl) } } as AuditSubgraph['resolvers'],
    migrations: hubMigrations,
    createLoaders,
  };
}

/** The audit subgraph over the committed supergraph (tests, tools). */
export const audit: AuditSubgraph = createAuditSubgraph(readFileSync(createRequire(import.meta.url).resolve('@lbc/schema/supergraph.graphql'), 'utf8'));
