/**
 * Every error code a caller of the hub can meet, with the HTTP status it travels with
 * when it ends a request before execution, and what a client should do about it. One
 * list: the gateway, the subgraphs and the README's table are all read from here, so a
 * code cannot be invented in one place and missed in another.
 *
 * Codes follow Apollo's where Apollo has one (BAD_USER_INPUT, UNAUTHENTICATED,
 * GRAPHQL_PARSE_FAILED …), so generic GraphQL clients keep working.
 */
export const ERROR_CATALOGUE = {
  // The request itself
  BAD_REQUEST: { status: 400, meaning: 'the HTTP request is malformed: body not JSON, a header invalid, no query' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'the request body is larger than the gateway accepts' },
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: 'the operation is not valid GraphQL syntax, or has too many tokens' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: 'the operation does not fit the schema' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, meaning: 'operationName names no operation in the document, or the document holds several and none is named' },
  OPERATION_NOT_SUPPORTED: { status: 400, meaning: 'subscriptions (and GET for mutations) are not served' },
  OPERATION_TOO_COMPLEX: { status: 400, meaning: 'the operation exceeds a limit on depth, aliases, directives or fields after fragment expansion' },
  UNTRUSTED_DOCUMENT: { status: 403, meaning: 'in production only operations registered for the calling system are answered' },
  BAD_USER_INPUT: { status: 400, meaning: 'an argument or variable is invalid; `argumentName` names it, the message says why' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, meaning: 'this `Idempotency-Key` came before with a different operation or variables; a new request needs a new key' },
  // Who is asking
  UNAUTHENTICATED: { status: 401, meaning: 'no valid token' },
  FORBIDDEN: { status: 403, meaning: 'the record or region lies outside the caller\u2019s jurisdiction, or the action is not allowed' },
  UNAUTHORIZED_FIELD_OR_TYPE: { status: 200, meaning: 'the field is denied by the field policy; its value is null, `rule` says why' },
  RATE_LIMITED: { status: 429, meaning: 'too many requests (or failed identifier lookups) from this client; wait `retryAfterSeconds`' },
  // What was asked for
  NOT_FOUND: { status: 200, meaning: 'no such record (lookups by identifier: or none within the caller\u2019s jurisdiction)' },
  INVALID_TRANSITION: { status: 409, meaning: 'the action does not apply to the record in its current state (`state`, `allowedFrom`); nothing was written' },
  CONFLICT: { status: 409, meaning: 'the record changed since it was read: `expectedVersion` is stale, `currentVersion` says what it is now; nothing was written' },
  // The hub's own state
  SUBGRAPH_UNAVAILABLE: { status: 200, meaning: 'an agency service did not answer in time; its fields are null' },
  DATABASE_UNAVAILABLE: { status: 503, meaning: 'a database could not be reached; nothing was changed, retry later' },
  AUDIT_UNAVAILABLE: { status: 503, meaning: 'the access could not be recorded, so nothing is returned; retry later' },
  AUDIT_CHAIN_BROKEN: { status: 503, meaning: 'the audit log failed verification; the gateway refuses to serve until an operator intervenes' },
  INTERNAL_SERVER_ERROR: { status: 500, meaning: 'a fault of the hub; the request id finds the detail in the logs' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every code a client may see: nothing else leaves the gateway. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_CATALOGUE));

/** Whether `code` is one of the catalogue's. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
}

/** The HTTP status a request ended by an error of `code` is answered with. */
export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}
