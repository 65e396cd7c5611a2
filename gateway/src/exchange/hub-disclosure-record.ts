import type { AuditRecord, ChildFields, FetchFields } from '@lbc/audit/store';
import { EXCHANGE_PRINCIPAL } from '@lbc/schema';

/** What differs between the hub's own disclosures: who receives, what, about which children. */
export interface HubDisclosure {
  at: Date;
  requestId: string;
  /** The receiving agency, as the entry's principal agency (the subject is the hub's exchange). */
  agency: string;
  region: string;
  client: string;
  operationName: string;
  variables: Record<string, unknown>;
  fetches: FetchFields[];
  children: ChildFields[];
}

/**
 * An audit entry for something the hub itself sends an agency (an exchange delivery, a
 * webhook): recorded like a read by the receiving agency, made by the hub's exchange
 * principal, before it leaves.
 */
export function hubDisclosureRecord(d: HubDisclosure): AuditRecord {
  return {
    at: d.at,
    requestId: d.requestId,
    principal: {
      subject: EXCHANGE_PRINCIPAL.subject,
      issuer: EXCHANGE_PRINCIPAL.issuer,
      agency: d.agency,
      level: EXCHANGE_PRINCIPAL.level,
      region: d.region,
      org: null,
      roles: EXCHANGE_PRINCIPAL.roles,
    },
    client: d.client,
    purpose: 'CASE_MANAGEMENT',
    caseId: null,
    justification: null,
    breakGlass: false,
    mode: null,
    operationName: d.operationName,
    operationHash: null,
    operationText: null,
    variables: d.variables,
    fetches: d.fetches,
    children: d.children,
    otherFields: [],
    denied: [],
    outcome: 'ok',
    errorCodes: [],
    reason: null,
    durationMs: 0,
  };
}
