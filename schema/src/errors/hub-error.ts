import { GraphQLError } from 'graphql';
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.ts';

/** What an error may say beyond its code: everything a client can act on, never internals. */
export type ErrorDetails = Record<string, unknown> & {
  /** The cause, for the logs only (GraphQL never serializes `originalError`). */
  cause?: unknown;
  /** Response headers to send when this error ends the request (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
};

/**
 * The one way an error of the hub is made: a GraphQLError whose `extensions.code` is from
 * the catalogue. Codes whose status is not 200 also carry `extensions.http`, which Apollo
 * uses when the error ends the request before execution (and strips from the response).
 */
export function hubError(code: ErrorCode, message: string, details: ErrorDetails = {}): GraphQLError {
  const { cause, headers, ...extensions } = details;
  const status = ERROR_CATALOGUE[code].status;
  const http = status === 200 ? {} : { http: { status, ...(headers ? { headers: new Map(Object.entries(headers)) } : {}) } };
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...http },
    ...(cause instanceof Error ? { originalError: cause } : {}),
  });
}

/** Error code of anything thrown or formatted: the catalogue's code, else INTERNAL_SERVER_ERROR. */
export function codeOf(error: unknown): ErrorCode {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === 'string' && code in ERROR_CATALOGUE ? (code as ErrorCode) : 'INTERNAL_SERVER_ERROR';
}
