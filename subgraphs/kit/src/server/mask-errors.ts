import { unwrapResolverError } from '@apollo/server/errors';
import { databaseUnavailable, internalError } from '@lbc/schema';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { connectionErrorFields, isConnectionError } from '../db/connection-errors.ts';
import { createLogger } from '../log/logger.ts';

/**
 * Errors we raise on purpose carry a code and go out as they are. A database that was
 * lost or could not be reached is DATABASE_UNAVAILABLE: the hub is not broken, the caller
 * may retry. Anything else (a failed statement, a bug) might carry SQL or row data: it is
 * logged and the caller gets only a generic INTERNAL_SERVER_ERROR.
 */
export function maskErrors(service: string) {
  const log = createLogger(service);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions.code) return formatted;
    if (formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    const path = formatted.path ?? [];
    if (isConnectionError(original)) {
      log.warn({ ...connectionErrorFields(original), path }, 'database unavailable: answered DATABASE_UNAVAILABLE');
      return formattedAt(databaseUnavailable(), formatted.path);
    }
    log.error({ err: original, path }, 'unexpected error');
    return formattedAt(internalError(), formatted.path);
  };
}

/**
 * A catalogue error as it goes out at `path`. The response's status is settled before
 * formatting, so the catalogue's HTTP status has no use here: a subgraph answers 200 with
 * the typed error at the field, and the gateway passes it on instead of reporting an outage.
 */
function formattedAt(error: GraphQLError, path: GraphQLFormattedError['path']): GraphQLFormattedError {
  const { http: _status, ...extensions } = error.extensions;
  return { message: error.message, ...(path ? { path } : {}), extensions };
}
