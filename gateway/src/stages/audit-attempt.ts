import { auditRecordFor } from '../audit/audit-record-for.ts';
import { commitEntry, type AuditSink } from '../audit/commit-entry.ts';
import type { Stage } from '../pipeline/stage.ts';

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
      await commitEntry(sink, auditRecordFor(request, { errors: [], hasData: false, attempted: true }), request, 'the write attempt is not sent');
      return next();
    },
  };
}
