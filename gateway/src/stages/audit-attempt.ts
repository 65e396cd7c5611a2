import { auditUnavailable, codeOf } from '@lbc/schema';
import { GraphQLError } from 'graphql';
import { auditRecordFor } from '../audit/audit-record-for.ts';
import type { Stage } from '../pipeline/stage.ts';
import type { AuditSink } from './audit.ts';

/**
 * Fail-closed for writes: a mutation is sent to the agencies only once an `attempted`
 * entry — who, which mutation, which variables (identifiers masked) — is durably in the
 * audit log. If it cannot be written, nothing is: 503 AUDIT_UNAVAILABLE. The request's own
 * entry, listing what the agencies changed, follows from the audit stage as for any request.
 */
export function auditAttemptStage(sink: AuditSink): Stage {
  return {
    name: 'audit attempt',
    async run(request, next) {
      if (request.operation!.operation !== 'mutation') return next();
      try {
        await sink.append(auditRecordFor(request, { errors: [], hasData: false, attempted: true }));
      } catch (error) {
        request.log.error({ err: error }, 'audit entry for a write attempt not committed: nothing is written');
        throw codeOf(error) === 'AUDIT_CHAIN_BROKEN' && error instanceof GraphQLError ? error : auditUnavailable({ cause: error });
      }
      return next();
    },
  };
}
