import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import type { GatewayRequest } from '../pipeline/gateway-request.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Plans and executes the authorized operation with @apollo/gateway over the committed
 * supergraph; each subgraph fetch goes through the forward data source (a gateway-signed
 * token per hop). The plan is cached under a hash of the operation as it runs — denied
 * fields removed — so callers with different rights never share a plan. An operation left
 * with nothing to ask (every field denied) is not sent anywhere.
 */
export function executeStage(getExecutor: () => GatewayExecutor): Stage {
  return {
    name: 'execute',
    async run(request) {
      const operation = request.executable ?? request.plan!.operation;
      if (!operation.selectionSet.selections.length) return { data: {} };
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
      const source = print(document);
      const queryHash = createHash('sha256').update(source).digest('hex');
      const result = await getExecutor()(executionContext(request, document, operation, source, queryHash));
      return { data: result.data ?? null, ...(result.errors?.length ? { errors: result.errors } : {}), ...(result.extensions ? { extensions: result.extensions } : {}) };
    },
  };
}

/** The request as @apollo/gateway's executor reads it: what Apollo Server would otherwise assemble. */
function executionContext(request: GatewayRequest, document: DocumentNode, operation: OperationDefinitionNode, source: string, queryHash: string): GatewayGraphQLRequestContext<GatewayRequest> {
  const operationName = operation.name?.value ?? null;
  return {
    request: { query: source, ...(operationName ? { operationName } : {}), variables: request.body?.variables ?? {} },
    logger: request.log,
    schema: request.schema!,
    schemaHash: '' as never,
    context: request,
    cache: NO_CACHE,
    queryHash,
    document,
    source,
    operationName,
    operation,
    metrics: { captureTraces: false },
    overallCachePolicy: undefined,
    requestIsBatched: false,
  };
}

/** The executor's cache slot: @apollo/gateway keeps its query plans in a store of its own. */
const NO_CACHE = { get: async () => undefined, set: async () => undefined, delete: async () => undefined };
