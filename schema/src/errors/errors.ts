import type { GraphQLError } from 'graphql';
import { hubError, type ErrorDetails } from './hub-error.ts';

/**
 * The constructors every part of the hub uses. Each takes the message a client reads and
 * the details it can act on; none takes an identifier to echo (errors travel further than
 * answers).
 */

/** An argument or variable the hub will not accept. `argumentName` names it (`childByIdNumber.idNumber`, `$id`). */
export function badUserInput(message: string, details: ErrorDetails & { argumentName?: string } = {}): GraphQLError {
  return hubError('BAD_USER_INPUT', message, details);
}

/** The HTTP request cannot be read as a GraphQL request. */
export function badRequest(message: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('BAD_REQUEST', message, details);
}

/** No valid caller (or gateway) token. */
export function unauthenticated(message: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('UNAUTHENTICATED', message, { headers: { 'www-authenticate': 'Bearer' }, ...details });
}

/** Not allowed: outside the jurisdiction, or an action the caller may not take. */
export function forbidden(message: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('FORBIDDEN', message, details);
}

/** A lookup found nothing (that the caller may know of). */
export function notFound(message: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('NOT_FOUND', message, details);
}

/** An update named a version the record no longer has: nothing was written; `currentVersion` tells the caller what to read again. */
export function conflict(message: string, currentVersion: number | null, details: ErrorDetails = {}): GraphQLError {
  return hubError('CONFLICT', message, { currentVersion, ...details });
}

/** An action a record's current state does not allow (a hand-off declined twice): nothing is written. */
export function invalidTransition(message: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('INVALID_TRANSITION', message, details);
}

/** An Idempotency-Key sent again with a different request: the first request's answer is not this one's. */
export function idempotencyKeyReused(details: ErrorDetails = {}): GraphQLError {
  return hubError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used before with a different operation or variables; send a new key for a new request', details);
}

/** A field the policy denies this caller: null at its path, with the rule. */
export function unauthorizedField(coordinate: string, rule: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('UNAUTHORIZED_FIELD_OR_TYPE', `not authorized to read ${coordinate}`, { coordinate, rule, ...details });
}

/** An agency service that did not answer (refused, timed out, failed): names the agency, never its address. */
export function subgraphUnavailable(serviceName: string, details: ErrorDetails = {}): GraphQLError {
  return hubError('SUBGRAPH_UNAVAILABLE', `the ${serviceName} service could not answer`, { serviceName, ...details });
}

/** A database that could not be reached or lost the connection mid-statement. */
export function databaseUnavailable(details: ErrorDetails = {}): GraphQLError {
  return hubError('DATABASE_UNAVAILABLE', 'the database could not be reached; nothing was changed, try again shortly', details);
}

/** The audit entry could not be committed: nothing of the response leaves (fail-closed). */
export function auditUnavailable(details: ErrorDetails = {}): GraphQLError {
  return hubError('AUDIT_UNAVAILABLE', 'the access could not be recorded in the audit log, so nothing is returned; try again later', details);
}

/** Too many requests from one client system or principal. */
export function rateLimited(message: string, retryAfterSeconds: number, details: ErrorDetails = {}): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return hubError('RATE_LIMITED', message, { retryAfterSeconds: seconds, headers: { 'retry-after': String(seconds) }, ...details });
}

/** A fault of the hub, described to the caller only by its request id. */
export function internalError(details: ErrorDetails = {}): GraphQLError {
  return hubError('INTERNAL_SERVER_ERROR', 'internal error', details);
}
