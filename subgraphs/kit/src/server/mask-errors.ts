import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Errors we raise on purpose carry a code and go out as they are. Anything else (a
 * database error, a bug) might carry SQL or row data: log it with the request and send
 * only a generic INTERNAL_SERVER_ERROR.
 */
export function maskErrors(service: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions.code) return formatted;
    if (formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    console.error(`[${service}] unexpected error at ${JSON.stringify(formatted.path ?? [])}:`, original);
    return { message: 'internal error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
