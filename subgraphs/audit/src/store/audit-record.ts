import type { WriteChange } from '@lbc/subgraph-kit';

/**
 * What the gateway records about one operation. This is the auditors' view of an access:
 * who (principal, client system), why (purpose, case, justification), what was asked
 * (operation, variables, subgraph fetches), what was returned (per child, per field,
 * full or masked), what was refused, and how it ended.
 */
export interface AuditRecord {
  /** When the request reached the gateway. */
  at: Date;
  requestId: string;
  /** Null when the caller could not be authenticated (the attempt is recorded all the same). */
  principal: AuditPrincipal | null;
  /** The calling system: the token's `azp`/`client_id` claim, else its issuer. */
  client: string | null;
  purpose: string | null;
  caseId: string | null;
  /** Break-glass justification, as written by the caller. */
  justification: string | null;
  breakGlass: boolean;
  /** x-lbc-authz: filter, reject or dry-run. */
  mode: string | null;
  operationName: string | null;
  /** sha256 of the normalized operation text. */
  operationHash: string | null;
  /** The operation as executed for the caller, identifiers in literals masked. */
  operationText: string | null;
  /** The request's variables, identifiers masked. */
  variables: Record<string, unknown>;
  /** For each subgraph fetch, the fields it asked for. */
  fetches: FetchFields[];
  /** For each child in the response, the fields returned. */
  children: ChildFields[];
  /** Fields returned that belong to no child (regions, schools, clinics …). */
  otherFields: FieldRead[];
  denied: DeniedField[];
  /**
   * What a mutation changed, as the agencies that wrote it reported: records, children,
   * field names and versions, never values. Absent (not empty) on reads, so entries written
   * before writes existed keep their hashes.
   */
  writes?: WriteRecord[];
  outcome: AuditOutcome;
  errorCodes: string[];
  /** Why a rejected request was rejected (authentication, validation …). */
  reason: string | null;
  durationMs: number;
}

export interface AuditPrincipal {
  subject: string;
  issuer: string;
  agency: string;
  level: string;
  region: string;
  org: string | null;
  roles: string[];
}

/**
 * `attempted` is the entry a mutation gets BEFORE anything is written (fail-closed: no
 * entry, no write); the request's own entry, with its outcome, follows it.
 */
export const AUDIT_OUTCOMES = ['ok', 'partial', 'rejected', 'error', 'attempted'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface FieldRead {
  /** `Type.field`. */
  coordinate: string;
  fieldClass: string;
  masked: boolean;
  /** The agencies whose data this is: notify-on-access goes to them. */
  owners: string[];
}

export interface ChildFields {
  childId: string;
  fields: FieldRead[];
}

export interface FetchFields {
  subgraph: string;
  fields: readonly string[];
}

/** One record a mutation created or updated (as the agency's runWrite reports it), and the agency: its subgraph. */
export type WriteRecord = WriteChange & { subgraph: string };

export interface DeniedField {
  path: string[];
  coordinate: string;
  fieldClass: string;
  rule: string;
}

/** An entry as stored: the record, its place in the chain and the hashes that seal it. */
export interface AuditEntry extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}
