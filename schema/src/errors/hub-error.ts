import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.ts';

/** What an error may say beyond its code: everything a client can act on, never internals. */
export type ErrorDetails = Record<string, unknown> & {
  /** The cause, for the logs only (GraphQL never serializes `originalError`). */
  cause?: unknown;
  /** Response headers to send when this error ends the request (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
  /**
   * Raised while a field resolves (a resolver, a loader, a reference): the error nulls that
   * field and the response goes on with HTTP 200 beside the other fields, so it carries no
   * `extensions.http`. Apollo would otherwise answer the whole response, data included,
   * with the code's status, and a gateway would take a subgraph's 403 or 400 for a failed
   * fetch. Not serialized.
   */
  inResolver?: boolean;
  /** The response path the error belongs to (a denied field's). Not an extension. */
  path?: readonly (string | number)[];
};

/**
 * The one way an error of the hub is made: a GraphQLError whose `extensions.code` is from
 * the catalogue. Codes whose status is not 200 also carry `extensions.http`, which Apollo
 * uses when the error ends the request before execution (and strips from the response);
 * errors raised `inResolver` do not (see ErrorDetails).
 */
export function hubError(code: ErrorCode, message: string, details: ErrorDetails = {}): GraphQLError {
  const { cause, headers, inResolver, path, ...extensions } = details;
  const status = ERROR_CATALOGUE[code].status;
  const http = status === 200 || inResolver ? {} : { http: { status, ...(headers ? { headers: new Map(Object.entries(headers)) } : {}) } };
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...http },
    ...(cause instanceof Error ? { originalError: cause } : {}),
    ...(path ? { path } : {}),
  });
}

/** Error code of anything thrown or formatted: the catalogue's code, else INTERNAL_SERVER_ERROR. */
export function codeOf(error: unknown): ErrorCode {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === 'string' && code in ERROR_CATALOGUE ? (code as ErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/**
 * A catalogue error in the shape a response carries, at `path` when it belongs to a field:
 * for answers written without Apollo's formatting (a formatError hook, a bare HTTP error
 * body). `extensions.http` stays behind: it sets the response's status, it is not content.
 */
export function formattedError(error: GraphQLError, path?: GraphQLFormattedError['path']): GraphQLFormattedError {
  const { http: _status, ...extensions } = error.extensions;
  return { message: error.message, ...(path ? { path } : {}), extensions };
}
