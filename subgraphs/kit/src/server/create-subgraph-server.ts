import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Kysely } from 'kysely';
import { SUBGRAPH_AGENCY } from '@lbc/schema';
import { exchangeResolvers, exchangeTypeDefs } from '../exchange/exchange-schema.ts';
import { WRITES_EXTENSION } from '../writes/write-change.ts';
import { enforceFieldPolicy } from './enforce-field-policy.ts';
import { maskErrors } from './mask-errors.ts';
import type { SubgraphContext, SubgraphDefinition } from './subgraph-definition.ts';

/**
 * The Apollo server of one subgraph, not yet listening: tests call `executeOperation`
 * on it directly, `startSubgraph` puts it behind HTTP.
 */
export function createSubgraphServer<DB, L>(definition: SubgraphDefinition<DB, L>): ApolloServer<SubgraphContext<DB, L>> {
  return new ApolloServer<SubgraphContext<DB, L>>({
    schema: enforceFieldPolicy(buildSubgraphSchema(modulesOf(definition) as never), SUBGRAPH_AGENCY[definition.name]!),
    // Federated tracing costs CPU on every field and the gateway does not report it anywhere.
    plugins: [ApolloServerPluginInlineTraceDisabled(), reportWrites<DB, L>()],
    formatError: maskErrors(definition.name),
    includeStacktraceInErrorResponses: false,
    introspection: false,
    // The process owns its signals (serve-subgraph.ts; the gateway for the audit subgraph it
    // hosts): Apollo's handler would re-raise SIGTERM and end the process mid-shutdown.
    stopOnTerminationSignals: false,
  });
}

/** The subgraph's own schema and resolvers, and the exchange's fields when it takes part. */
function modulesOf<DB, L>(definition: SubgraphDefinition<DB, L>) {
  const own = { typeDefs: definition.typeDefs, resolvers: definition.resolvers };
  return definition.exchange ? [own, { typeDefs: exchangeTypeDefs, resolvers: exchangeResolvers(definition.name, definition.exchange.handlers) }] : [own];
}

/**
 * What the request's mutations committed travels back to the gateway in the response's
 * `lbcWrites` extension: the gateway's audit entry lists it. The gateway never passes a
 * subgraph's extensions on to its caller.
 */
function reportWrites<DB, L>(): ApolloServerPlugin<SubgraphContext<DB, L>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.writes.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [WRITES_EXTENSION]: contextValue.writes };
        },
      };
    },
  };
}

/** A resolver context for an already-verified principal (the HTTP path verifies the token first). */
export function createContext<DB, L>(
  definition: SubgraphDefinition<DB, L>,
  db: Kysely<DB>,
  request: Pick<SubgraphContext<DB, L>, 'principal' | 'purpose' | 'requestId' | 'justification' | 'case' | 'breakGlassChild' | 'idempotencyKey' | 'service'>,
): SubgraphContext<DB, L> {
  return { ...request, db, loaders: definition.createLoaders(db, request.principal), writes: [] };
}
