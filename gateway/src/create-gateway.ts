import { ApolloGateway } from '@apollo/gateway';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { createAuditSubgraph } from '@lbc/audit';
import { AuditLog, publicKeysOf, startCheckpoints } from '@lbc/audit/store';
import { createInternalSigner, createInternalVerifier, fieldOwners } from '@lbc/schema';
import { createLogger, databaseCheck, startHttpServer, startSubgraph, type Logger, type ReadinessCheck } from '@lbc/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { publicJwkOf } from './audit/public-jwk.ts';
import { createAuthenticate } from './authorization/authenticate.ts';
import { caseCheckUrl, createCaseVerifier } from './authorization/verify-case.ts';
import type { GatewayConfig } from './config/gateway-config.ts';
import { composedSubgraphUrls } from './config/subgraph-urls.ts';
import { Exchange } from './exchange/exchange.ts';
import { ExchangeClient } from './exchange/exchange-client.ts';
import { handoffTasks } from './handoffs/handoff-tasks.ts';
import { qualityTasks } from './quality/quality-tasks.ts';
import { PrincipalForwardingDataSource } from './forward/forward-principal.ts';
import { subgraphFetcher } from './forward/subgraph-fetcher.ts';
import { gatewayHandler } from './http/gateway-routes.ts';
import { createGraphiqlHandler } from './http/graphiql/index.ts';
import { subgraphCheck } from './http/probes.ts';
import { IdempotencyStore } from './idempotency/idempotency-store.ts';
import { DEFAULT_OPERATION_LIMITS } from './limits/operation-limits.ts';
import { GatewayMetrics } from './observability/gateway-metrics.ts';
import type { GatewayRequest } from './pipeline/gateway-request.ts';
import { requestIdFrom, REQUEST_ID_HEADER } from './pipeline/request-id.ts';
import { runPipeline } from './pipeline/run-pipeline.ts';
import type { Stage } from './pipeline/stage.ts';
import { applyAccessStage } from './stages/apply-access.ts';
import { auditStage } from './stages/audit.ts';
import { auditAttemptStage } from './stages/audit-attempt.ts';
import { authenticateStage } from './stages/authenticate.ts';
import { authorizeStage } from './stages/authorize.ts';
import { authorizeActionsStage } from './stages/authorize-actions.ts';
import { executeStage } from './stages/execute.ts';
import { idempotencyStage } from './stages/idempotency.ts';
import { lookupThrottleStage } from './stages/lookup-throttle.ts';
import { parseOperationStage } from './stages/parse-operation.ts';
import { rateLimitStage } from './stages/rate-limit.ts';
import { readBodyStage } from './stages/read-body.ts';
import { respondStage } from './stages/respond.ts';
import { trustedDocumentsStage } from './stages/trusted-documents.ts';
import { validateInputStage } from './stages/validate-input.ts';
import { validateOperationStage } from './stages/validate-operation.ts';

export interface RunningGateway {
  /** Where GraphQL is served: POST here. */
  url: string;
  /** The server's origin: /healthz, /readyz and /metrics live under it. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * The hub's front door. One request runs through these stages, in this order (the first
 * is outermost; a stage may act on the way in, on the way out, or refuse):
 *
 *   respond            every outcome becomes one client response; log line; metrics
 *   audit              one hash-chained entry per request, committed before it leaves
 *   authenticate       caller JWT → principal; purpose and access headers
 *   rate limit         per client system
 *   read body          JSON, size-limited, shaped like a GraphQL request
 *   trusted documents  production runs registered operations only
 *   parse              token limit; depth, fields, aliases, directives after fragment expansion
 *   validate           against the API schema (no introspection in production)
 *   validate input     variables and literals through the hub's own scalars
 *   authorize          decide every field; remove the denied before planning
 *   authorize actions  a mutation its action rule refuses ends here (403), nothing written
 *   idempotency        a mutation's Idempotency-Key: a retry gets the first answer; reuse is refused
 *   lookup throttle    identifier lookups that keep missing are refused for a while
 *   apply access       child markers in; one walk out: null, mask, collect, strip
 *   audit attempt      a mutation's `attempted` entry committed before anything is written
 *   execute            @apollo/gateway plans and runs; each hop signed (forward)
 *
 * The gateway process also serves the audit subgraph over the hub database, signs a
 * checkpoint of the audit chain at a fixed interval, and — unless it runs as a process of
 * its own — runs the exchange that carries events between the agencies.
 */
export async function startGateway(config: GatewayConfig, log: Logger = createLogger('gateway')): Promise<RunningGateway> {
  // @apollo/gateway ≥ 2.14 reports usage to Apollo unless told not to; a hub of children's
  // records phones nowhere. Read in the ApolloGateway constructor, so set before it.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const signer = await createInternalSigner(config.signingKey);
  const metrics = new GatewayMetrics({ auditQueueDepth: () => auditLog.queueDepth, pools: { hub: config.hub.poolStats } });
  const auditLog = new AuditLog(config.hub.db, {
    signingKey: config.signingKey,
    keys: publicKeysOf(config.signingKey, config.hub.publishedKeys),
    ...(config.hub.anchorFile ? { anchorFile: config.hub.anchorFile } : {}),
    onCommit: (ms, entries) => {
      metrics.auditCommitDuration.observe(ms / 1000);
      metrics.auditEntries.inc(entries);
    },
    logger: log.child({ component: 'audit-log' }),
  });
  // Verify the chain's tail before serving: a broken log is reported and every request refused (503), not appended to.
  await auditLog.open().catch((error: unknown) => log.error({ err: error }, 'the audit log failed verification at start: every request will be refused'));
  // Which agencies own each field, from the supergraph's join directives: authorize and apply access both need it.
  const owners = fieldOwners(config.supergraphSdl);
  // The hub's own subgraph, over the hub database; behind the gateway like every other.
  const auditSubgraph = await startSubgraph(createAuditSubgraph(config.supergraphSdl), {
    db: config.hub.db,
    verify: createInternalVerifier({ keys: [publicJwkOf(config.signingKey)] }, 'audit'),
  });
  const subgraphUrls: Record<string, string> = { audit: auditSubgraph.url, ...config.subgraphUrls };
  const checkpoints = startCheckpoints(auditLog, config.hub.checkpointIntervalMs, (error) => log.error({ err: error }, 'audit checkpoint failed'));

  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    logger: log,
    buildService: ({ name, url }) =>
      new PrincipalForwardingDataSource(name, signer, {
        url: subgraphUrls[name] ?? url,
        fetcher: subgraphFetcher(name, config.subgraphTimeoutMs, (subgraph, outcome, seconds) => metrics.subgraphFetchDuration.observe({ subgraph, outcome }, seconds)),
      }),
  });
  let schema: GraphQLSchema;
  let executor: GatewayExecutor;
  try {
    const loaded = (await gateway.load()) as { schema: GraphQLSchema; executor: GatewayExecutor | null };
    if (!loaded.executor) throw new Error('the gateway produced no executor');
    schema = loaded.schema;
    executor = loaded.executor;
  } catch (error) {
    await Promise.allSettled([checkpoints.stop(), auditSubgraph.stop()]);
    throw error;
  }

  const stages: Stage[] = [
    respondStage(metrics),
    auditStage(auditLog),
    authenticateStage(createAuthenticate(config.audience, config.issuers), { breakGlass: config.breakGlass }),
    rateLimitStage(config.rateLimit),
    readBodyStage(config.maxBodyBytes === undefined ? undefined : { maxBytes: config.maxBodyBytes }),
    trustedDocumentsStage(config.trustedDocuments ?? null),
    parseOperationStage(config.limits ?? DEFAULT_OPERATION_LIMITS),
    validateOperationStage(() => schema, { development: config.development }),
    validateInputStage(),
    authorizeStage(owners, createCaseVerifier({ url: caseCheckUrl(config.subgraphUrls, config.supergraphSdl), signer, timeoutMs: config.subgraphTimeoutMs, log })),
    authorizeActionsStage(),
    idempotencyStage(new IdempotencyStore(config.hub.db)),
    lookupThrottleStage(),
    applyAccessStage(owners),
    auditAttemptStage(auditLog),
    executeStage(() => executor),
  ];
  const pipeline = runPipeline(stages, (stage, seconds) => metrics.stageDuration.observe({ stage }, seconds));

  // In development (and `npm run up`) the exchange runs here; in production as `pnpm exchange`.
  const exchangeClient = new ExchangeClient(signer, { ...composedSubgraphUrls(config.supergraphSdl), ...subgraphUrls }, config.subgraphTimeoutMs);
  const exchangeLog = log.child({ component: 'exchange' });
  const exchange = config.exchange
    ? new Exchange({
        db: config.hub.db,
        client: exchangeClient,
        audit: auditLog,
        log: exchangeLog,
        intervalMs: config.exchange.intervalMs,
        batchSize: config.exchange.batchSize,
        tasks: handoffTasks({
          db: config.hub.db,
          client: exchangeClient,
          audit: auditLog,
          log: exchangeLog,
          webhooks: config.exchange.webhooks ?? [],
          clock: config.exchange.clock,
          webhookRetryBaseMs: config.exchange.webhookRetryBaseMs,
        }).concat(qualityTasks({ db: config.hub.db, client: exchangeClient, audit: auditLog, log: exchangeLog, settings: config.exchange.quality, clock: config.exchange.clock })),
      })
    : null;
  exchange?.start();

  const readiness: Record<string, ReadinessCheck> = {
    'hub-database': databaseCheck(config.hub.db as never),
    'audit-log': async () => {
      const health = auditLog.health();
      if (health.state === 'ok') return { ok: true };
      return { ok: false, reason: health.state === 'broken' ? (health.reason ?? 'broken') : 'not verified yet (is the hub database reachable?)' };
    },
  };
  for (const [name, url] of Object.entries(subgraphUrls)) readiness[`subgraph:${name}`] = subgraphCheck(url);

  const http = await startHttpServer({
    host: config.host,
    port: config.port,
    log,
    handle: gatewayHandler({
      graphql: async (req) => {
        const result = await pipeline(newRequest(req, log));
        return result.response!;
      },
      readiness,
      log,
      metrics: metrics.registry,
      ...(config.development ? { ide: createGraphiqlHandler({ graphqlPath: '/graphql', defaultHeaders: DEVELOPMENT_HEADERS }) } : {}),
    }),
  });
  return {
    url: `${http.origin}/graphql`,
    origin: http.origin,
    stop: async () => {
      await http.stop();
      await exchange?.stop();
      await checkpoints.stop();
      // The last entries sealed by a checkpoint (and the anchor file) before the process goes.
      await auditLog.close().catch((error: unknown) => log.error({ err: error }, 'the last audit checkpoint could not be written'));
      await gateway.stop();
      await auditSubgraph.stop();
    },
  };
}

/** What the local GraphiQL's headers editor starts with: a purpose, and where the token goes. */
const DEVELOPMENT_HEADERS = { 'x-lbc-purpose': 'CASE_MANAGEMENT', authorization: 'Bearer <paste a token from pnpm token>' };

/** A request entering the pipeline: its id, its start, its log. */
function newRequest(http: IncomingMessage, log: Logger): GatewayRequest {
  const id = requestIdFrom(http.headers[REQUEST_ID_HEADER]);
  return { id, startedAt: new Date(), http, log: log.child({ requestId: id }), fetches: [], writes: [] };
}
