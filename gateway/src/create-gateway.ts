import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createAuditSubgraph } from '@lbc/audit';
import { AuditLog, startCheckpoints, writeCheckpoint } from '@lbc/audit/store';
import { createInternalSigner, createInternalVerifier, fieldOwners } from '@lbc/schema';
import { startSubgraph } from '@lbc/subgraph-kit';
import { AuditStage } from './audit/audit-stage.ts';
import { publicJwkOf } from './audit/public-jwk.ts';
import type { GatewayConfig } from './config/gateway-config.ts';
import { createAuthenticate } from './pipeline/authenticate.ts';
import { authorizingGateway } from './pipeline/authorize.ts';
import { operationLimits } from './pipeline/operation-limits.ts';
import { PrincipalForwardingDataSource } from './pipeline/forward-principal.ts';
import type { GatewayContext } from './pipeline/gateway-context.ts';
import { maskGatewayErrors } from './pipeline/mask-errors.ts';
import { requestAccessFrom } from './pipeline/request-access.ts';
import { requestIdFrom } from './pipeline/request-id.ts';
import { caseCheckUrl, createCaseVerifier } from './pipeline/verify-case.ts';
import { subgraphFetcher } from './pipeline/subgraph-fetcher.ts';

/** Our refusals are GraphQLErrors; Apollo sends the headers in `extensions.http` along with them. */
function withRequestId(error: unknown, requestId: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const http = (error.extensions.http ?? {}) as { status?: number; headers?: HeaderMap };
  const headers = http.headers ?? new HeaderMap();
  headers.set('x-request-id', requestId);
  (error.extensions as Record<string, unknown>).http = { ...http, headers };
  return error;
}

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
 *   → authorize, after (null and report denied fields, mask identifiers)
 *   → audit (one hash-chained entry per operation, committed before the response leaves).
 * The gateway process also serves the audit subgraph over the hub database, and signs
 * a checkpoint of the audit chain at a fixed interval.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // @apollo/gateway ≥ 2.14 reports usage to Apollo unless told not to; a hub of children's
  // records phones nowhere. Read in the ApolloGateway constructor, so set before it.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const signer = await createInternalSigner(config.signingKey);
  const authenticate = createAuthenticate(config.audience, config.issuers);
  const auditLog = new AuditLog(config.hub.db);
  // Which agencies own each field, from the supergraph's join directives: the authorize and audit stages both need it.
  const owners = fieldOwners(config.supergraphSdl);
  const audit = new AuditStage(auditLog, owners);
  // The hub's own subgraph, over the hub database; behind the gateway like every other.
  const auditSubgraph = await startSubgraph(createAuditSubgraph(config.supergraphSdl), {
    db: config.hub.db,
    verify: createInternalVerifier({ keys: [publicJwkOf(config.signingKey)] }, 'audit'),
  });
  const subgraphUrls: Record<string, string> = { audit: auditSubgraph.url, ...config.subgraphUrls };
  const checkpoints = startCheckpoints(config.hub.db, config.signingKey, config.hub.checkpointIntervalMs, (error) =>
    console.error(`[gateway] audit checkpoint failed: ${(error as Error).message}`),
  );

  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) =>
      new PrincipalForwardingDataSource(name, signer, { url: subgraphUrls[name] ?? url, fetcher: subgraphFetcher(name, config.subgraphTimeoutMs) }),
  });

  const server = new ApolloServer<GatewayContext>({
    gateway: authorizingGateway(gateway, owners, createCaseVerifier({ url: caseCheckUrl(config.subgraphUrls, config.supergraphSdl), signer, timeoutMs: config.subgraphTimeoutMs }), audit),
    formatError: maskGatewayErrors,
    // Our process owns its signals (main.ts): Apollo's own handler would re-raise SIGTERM
    // and end the process before the audit log is flushed and its last checkpoint signed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" suggestions would describe the schema to callers who may not introspect it.
    hideSchemaDetailsFromClientErrors: !config.development,
    introspection: config.development,
    validationRules: operationLimits(),
    plugins: [
      config.development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageProductionDefault(),
      audit.plugin(),
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
    context: async ({ req }) => {
      const trail = audit.newTrail();
      const requestId = requestIdFrom(req.headers['x-request-id']);
      let principal: GatewayContext['principal'] | null = null;
      let access: GatewayContext['access'] | null = null;
      try {
        principal = await authenticate(req.headers.authorization);
        access = requestAccessFrom(req.headers, { breakGlass: config.breakGlass });
        return { requestId, principal, access, trail };
      } catch (error) {
        // Refused at the door: still an access attempt, and auditors see it — under the id the refusal names.
        await audit.recordRefusal({ requestId, trail, principal, access, error });
        throw withRequestId(error, requestId);
      }
    },
  });
  return {
    url,
    stop: async () => {
      await server.stop();
      await auditLog.flush();
      await checkpoints.stop();
      await writeCheckpoint(config.hub.db, config.signingKey).catch(() => undefined);
      await auditSubgraph.stop();
    },
  };
}
