import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createInternalSigner } from '@lbc/schema';
import type { GatewayConfig } from './config/gateway-config.ts';
import { createAuthenticate } from './pipeline/authenticate.ts';
import { authorizingGateway } from './pipeline/authorize.ts';
import { operationLimits } from './pipeline/operation-limits.ts';
import { PrincipalForwardingDataSource } from './pipeline/forward-principal.ts';
import type { GatewayContext } from './pipeline/gateway-context.ts';
import { maskGatewayErrors } from './pipeline/mask-errors.ts';
import { requestAccessFrom } from './pipeline/request-access.ts';
import { requestIdFrom } from './pipeline/request-id.ts';
import { subgraphFetcher } from './pipeline/subgraph-fetcher.ts';

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * The hub's front door, as a pipeline:
 *   authenticate (caller JWT → principal, and the request's purpose, in the context function)
 *   → authorize (decide every field; remove the denied before planning)
 *   → plan and execute (@apollo/gateway over the committed supergraph)
 *   → forward (each subgraph fetch carries a gateway-signed token for that subgraph)
 *   → authorize, after (null and report denied fields, mask identifiers).
 * The audit stage comes last (its own issue).
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // @apollo/gateway ≥ 2.14 reports usage to Apollo unless told not to; a hub of children's
  // records phones nowhere. Read in the ApolloGateway constructor, so set before it.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const signer = await createInternalSigner(config.signingKey);
  const authenticate = createAuthenticate(config.audience, config.issuers);

  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) =>
      new PrincipalForwardingDataSource(name, signer, { url: config.subgraphUrls[name] ?? url, fetcher: subgraphFetcher(name, config.subgraphTimeoutMs) }),
  });

  const server = new ApolloServer<GatewayContext>({
    gateway: authorizingGateway(gateway, config.supergraphSdl),
    formatError: maskGatewayErrors,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" suggestions would describe the schema to callers who may not introspect it.
    hideSchemaDetailsFromClientErrors: !config.development,
    introspection: config.development,
    validationRules: operationLimits(),
    plugins: [
      config.development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageProductionDefault(),
      {
        // Every answer names its request id, so a caller can quote it to an auditor.
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              if (contextValue?.requestId) response.http.headers.set('x-request-id', contextValue.requestId);
            },
          };
        },
      },
    ],
  });

  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: config.host },
    context: async ({ req }) => ({
      requestId: requestIdFrom(req.headers['x-request-id']),
      principal: await authenticate(req.headers.authorization),
      access: requestAccessFrom(req.headers, { breakGlass: config.breakGlass }),
    }),
  });
  return { url, stop: () => server.stop() };
}
