import type { AuditRecord } from '@lbc/audit/store';
import { auditUnavailable, codeOf } from '@lbc/schema';
import { GraphQLError } from 'graphql';
import type { GatewayRequest } from '../pipeline/gateway-request.ts';

/** Where entries go: the hub's AuditLog (group commit), or anything with its contract. */
export interface AuditSink {
  /** Resolves once the entry is durably committed; rejects otherwise. */
  append(record: AuditRecord): Promise<unknown>;
}

/**
 * Commits an entry, fail-closed: if it cannot be written, the caller gets 503
 * AUDIT_UNAVAILABLE (or AUDIT_CHAIN_BROKEN when the log failed verification), and the
 * reason goes to the operator's log only, saying what is withheld (`withheld`).
 */
export async function commitEntry(sink: AuditSink, record: AuditRecord, request: GatewayRequest, withheld: string): Promise<void> {
  try {
    await sink.append(record);
  } catch (error) {
    request.log.error({ err: error }, `audit entry not committed: ${withheld}`);
    throw codeOf(error) === 'AUDIT_CHAIN_BROKEN' && error instanceof GraphQLError ? error : auditUnavailable({ cause: error });
  }
}
