import { internalError } from '@lbc/schema';
import { GraphQLError } from 'graphql';
import { auditRecordFor } from '../audit/audit-record-for.ts';
import { commitEntry, type AuditSink } from '../audit/commit-entry.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Every request that reaches it gets exactly one audit entry, committed before its
 * response leaves: what it read child by child, what was denied, or — for a request
 * refused by a later stage (no valid token, a missing purpose, an invalid or untrusted
 * operation, a limit) — why. Fail-closed: if the entry cannot be written, the caller gets
 * 503 AUDIT_UNAVAILABLE (or AUDIT_CHAIN_BROKEN when the log failed verification) and none
 * of the data. It sits outside every stage that can refuse, and acts last.
 */
export function auditStage(sink: AuditSink): Stage {
  return {
    name: 'audit',
    async run(request, next) {
      let outcome: { result?: Awaited<ReturnType<typeof next>>; refusal?: GraphQLError };
      try {
        outcome = { result: await next() };
      } catch (error) {
        outcome = { refusal: error instanceof GraphQLError ? error : internalError({ cause: error }) };
      }
      const { result, refusal } = outcome;
      const executed = result?.data !== undefined;
      const errors = refusal ? [refusal] : (result?.errors ?? []);
      const record = auditRecordFor(request, {
        errors,
        hasData: executed && result?.data !== null,
        // Not executed (refused, or invalid): the entry says why, in the caller's own error messages.
        ...(executed ? {} : { refused: errors.map((e) => e.message).join('; ') || 'not executed' }),
      });
      await commitEntry(sink, record, request, 'the response is withheld');
      if (refusal) throw refusal;
      return result!;
    },
  };
}
