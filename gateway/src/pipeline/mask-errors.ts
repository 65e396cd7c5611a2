import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'UNAUTHORIZED_FIELD_OR_TYPE']);

/**
 * What leaves the gateway. Client errors pass as they are. A subgraph that failed or
 * timed out yields an error naming the agency service, never its internal URL or the
 * underlying exception; other failures become a generic internal error. Details go to the log.
 */
export function maskGatewayErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_CODES.has(code)) return stripStacktrace(formatted);
  const original = unwrapResolverError(error);
  const service = formatted.extensions?.serviceName;
  console.error(`[gateway] ${code || 'error'}${service ? ` from ${String(service)}` : ''} at ${JSON.stringify(formatted.path ?? [])}: ${original instanceof Error ? original.message : String(original)}`);
  const base = formatted.path ? { path: formatted.path } : {};
  if (service) {
    return { message: `the ${String(service)} service could not answer`, ...base, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: service } };
  }
  if (original instanceof GraphQLError && code && code !== 'INTERNAL_SERVER_ERROR') return stripStacktrace(formatted);
  return { message: 'internal error', ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function stripStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
