import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Kysely } from 'kysely';
import { SUBGRAPH_AGENCY } from '@lbc/schema';
import { enforceFieldPolicy } from './enforce-field-policy.ts';
import { maskErrors } from './mask-errors.ts';
import type { SubgraphContext, SubgraphDefinition } from './subgraph-definition.ts';

/**
 * The Apollo server of one subgraph, not yet listening: tests call `executeOperation`
 * on it directly, `startSubgraph` puts it behind HTTP.
 */
export function createSubgraphServer<DB, L>(definition: SubgraphDefinition<DB, L>): ApolloServer<SubgraphContext<DB, L>> {
  return new ApolloServer<SubgraphContext<DB, L>>({
    schema: enforceFieldPolicy(buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }), SUBGRAPH_AGENCY[definition.name]!),
    // Federated tracing costs CPU on every field and the gateway does not report it anywhere.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    formatError: maskErrors(definition.name),
    includeStacktraceInErrorResponses: false,
    introspection: false,
    // The process owns its signals (serve-subgraph.ts; the gateway for the audit subgraph it
    // hosts): Apollo's handler would re-raise SIGTERM and end the process mid-shutdown.
    stopOnTerminationSignals: false,
  });
}

/** A resolver context for an already-verified principal (the HTTP path verifies the token first). */
export function createContext<DB, L>(
  definition: SubgraphDefinition<DB, L>,
  db: Kysely<DB>,
  request: Pick<SubgraphContext<DB, L>, 'principal' | 'purpose' | 'requestId' | 'justification' | 'case' | 'breakGlassChild'>,
): SubgraphContext<DB, L> {
  return { ...request, db, loaders: definition.createLoaders(db, request.principal) };
}
