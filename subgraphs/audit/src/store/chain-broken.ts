import { codeOf, hubError } from '@lbc/schema';
import type { GraphQLError } from 'graphql';

/**
 * What the writer found when the log disagreed with what it verified: which entry, and
 * whether it was deleted or rewritten. Internal: `AuditLog` turns it into the error callers
 * see, once it has recorded that it is broken.
 */
export class ChainDisagreement extends Error {
  override readonly name = 'ChainDisagreement';
}

/**
 * The error every append and checkpoint rejects with once the log failed verification:
 * `AUDIT_CHAIN_BROKEN` (HTTP 503) with the finding in the message — entry numbers, never
 * entry content. A fresh error each time: the gateway adds per-request headers to it.
 */
export function auditChainBroken(finding: string): GraphQLError {
  return hubError('AUDIT_CHAIN_BROKEN', `the audit log failed verification, so nothing is served until an operator intervenes: ${finding}`);
}

/** Whether an error from the audit log means the chain is broken (as opposed to the store being unreachable). */
export function isAuditChainBroken(error: unknown): boolean {
  return codeOf(error) === 'AUDIT_CHAIN_BROKEN';
}
