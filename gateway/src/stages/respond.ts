import { codeOf, ERROR_CATALOGUE, internalError } from '@lbc/schema';
import { GraphQLError } from 'graphql';
import { formatError } from '../pipeline/format-error.ts';
import { REQUEST_ID_HEADER } from '../pipeline/request-id.ts';
import type { GatewayResult, Stage } from '../pipeline/stage.ts';
import type { GatewayMetrics } from '../observability/gateway-metrics.ts';

/**
 * The outermost stage: whatever happened inside — an answer, a refusal thrown by a stage,
 * a bug — becomes one client response here. Errors are formatted for the client (see
 * formatError); the status is the catalogue's for a request that ended without data, 200
 * for one that executed; every answer carries its request id. One log line and the
 * request metrics per request.
 */
export function respondStage(metrics: GatewayMetrics): Stage {
  return {
    name: 'respond',
    async run(request, next) {
      let result: GatewayResult;
      try {
        result = await next();
      } catch (error) {
        result = { errors: [error instanceof GraphQLError ? error : internalError({ cause: error })] };
      }
      const errors = result.errors ?? [];
      const executed = result.data !== undefined;
      const first = errors[0];
      const status = executed || !first ? 200 : statusOf(first);
      const headers: Record<string, string> = { [REQUEST_ID_HEADER]: request.id, ...(first && !executed ? headersOf(first) : {}) };
      const body = {
        ...(executed ? { data: result.data } : {}),
        ...(errors.length ? { errors: errors.map((e) => formatError(e, request.log)) } : {}),
        ...(result.extensions ? { extensions: result.extensions } : {}),
      };
      const outcome = !errors.length ? 'ok' : executed && result.data !== null ? 'partial' : executed ? 'error' : 'refused';
      const code = first ? codeOf(first) : 'none';
      const seconds = (Date.now() - request.startedAt.getTime()) / 1000;
      metrics.requests.inc({ outcome, code });
      metrics.requestDuration.observe({ outcome }, seconds);
      request.log.info({ status, outcome, code, operationName: request.operation?.name?.value ?? request.body?.operationName ?? null, durationMs: Math.round(seconds * 1000) }, 'graphql request');
      return { ...result, response: { status, headers, body } };
    },
  };
}

function statusOf(error: GraphQLError): number {
  const http = error.extensions?.http as { status?: number } | undefined;
  return http?.status ?? ERROR_CATALOGUE[codeOf(error)].status;
}

function headersOf(error: GraphQLError): Record<string, string> {
  const http = error.extensions?.http as { headers?: Map<string, string> } | undefined;
  return http?.headers ? Object.fromEntries(http.headers) : {};
}
