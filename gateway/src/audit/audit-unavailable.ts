import { GraphQLError } from 'graphql';

/**
 * The answer when the audit entry could not be committed: nothing of the response leaves
 * (fail-closed). 503, because the hub — not the caller — is at fault and a retry may work.
 */
export function auditUnavailable(): GraphQLError {
  return new GraphQLError('the access could not be recorded in the audit log, so nothing is returned; try again later', {
    extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } },
  });
}
