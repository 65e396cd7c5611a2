import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'UNAUTHORIZED_FIELD_OR_TYPE', 'AUDIT_UNAVAILABLE']);

/**
 * What leaves the gateway. A subgraph that failed, timed out or refused the gateway's
 * token yields one error naming the agency service — never its internal URL (which
 * @apollo/gateway puts in `extensions.response`) or the underlying exception. Client
 * errors raised by us or by a subgraph pass as they are; anything else becomes a
 * generic internal error. Details go to the log.
 */
export function maskGatewayErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const service = formatted.extensions?.serviceName;
  const base = formatted.path ? { path: formatted.path } : {};
  const subgraphHttpFailure = formatted.extensions?.response !== undefined;
  if (!subgraphHttpFailure && CLIENT_CODES.has(code)) return withoutStacktrace(formatted);

  const unwrapped = unwrapResolverError(error);
  // Our own typed errors wrap the real failure; the log wants the real one (refused, timed out...).
  const original = unwrapped instanceof GraphQLError && unwrapped.originalError ? unwrapped.originalError : unwrapped;
  console.error(`[gateway] ${code || 'error'}${service ? ` from ${String(service)}` : ''} at ${JSON.stringify(formatted.path ?? [])}: ${describe(original)}`);
  if (service && (code === 'SUBGRAPH_UNAVAILABLE' || subgraphHttpFailure)) {
    return { message: `the ${String(service)} service could not answer`, ...base, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: service } };
  }
  if (service) {
    // The subgraph answered, with an error of its own (it logs the detail under the request id).
    return { message: `the ${String(service)} service failed`, ...base, extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: service } };
  }
  return { message: 'internal error', ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
