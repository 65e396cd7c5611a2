import { hubError, isErrorCode, type ErrorCode } from '@lbc/schema';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { GatewayResult } from '../pipeline/stage.ts';

/** A mutation's answer as kept for retries: data and the catalogue errors beside it. */
export interface StoredResult {
  data: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/**
 * Codes that say the hub could not finish, not what the request deserves: a retry must run
 * again (the agencies' own idempotency records keep it from writing twice), so an answer
 * carrying one is never kept.
 */
const TRANSIENT = new Set(['SUBGRAPH_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'AUDIT_UNAVAILABLE', 'AUDIT_CHAIN_BROKEN', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED']);

/** The answer to keep, or undefined when it must not be replayed: not executed, or not final. */
export function storableResult(result: GatewayResult): StoredResult | undefined {
  if (result.data === undefined) return undefined;
  const errors = result.errors ?? [];
  for (const error of errors) {
    const code = error.extensions?.code;
    if (!isErrorCode(code) || TRANSIENT.has(code) || error.extensions?.response !== undefined) return undefined;
  }
  return {
    data: result.data,
    ...(errors.length ? { errors: errors.map((e) => ({ message: e.message, ...(e.path ? { path: e.path } : {}), extensions: publicExtensions(e) })) } : {}),
  };
}

/** The kept answer as the pipeline carries results: the same data, the same errors. */
export function replayedResult(stored: StoredResult): GatewayResult {
  return {
    data: stored.data,
    ...(stored.errors?.length ? { errors: stored.errors.map(rebuiltError) } : {}),
  };
}

/** A kept error as it was: only catalogue codes are kept (storableResult), so the catalogue rebuilds each. */
function rebuiltError(error: GraphQLFormattedError): GraphQLError {
  const { code, ...details } = error.extensions ?? {};
  return hubError(code as ErrorCode, error.message, { ...details, ...(error.path ? { path: error.path } : {}), inResolver: true });
}

function publicExtensions(error: GraphQLError): Record<string, unknown> {
  const { http: _http, ...rest } = error.extensions;
  return rest;
}
