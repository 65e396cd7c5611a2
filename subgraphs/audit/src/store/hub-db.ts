import type { ColumnType, Generated } from 'kysely';

/** The hub database: the gateway's own, separate from every agency's. */
export interface HubDB {
  audit_entry: AuditEntryTable;
  audit_checkpoint: AuditCheckpointTable;
  access_notice: AccessNoticeTable;
  access_notice_ack: AccessNoticeAckTable;
}

type Json<T> = ColumnType<T, string, never>;

export interface AuditEntryTable {
  seq: number;
  at: Date;
  request_id: string;
  subject: string | null;
  issuer: string | null;
  agency: string | null;
  level: string | null;
  region: string | null;
  org: string | null;
  roles: string[];
  client: string | null;
  purpose: string | null;
  case_id: string | null;
  justification: string | null;
  break_glass: boolean;
  mode: string | null;
  operation_name: string | null;
  operation_hash: string | null;
  operation_text: string | null;
  variables: Json<Record<string, unknown>>;
  fetches: Json<unknown[]>;
  children: Json<unknown[]>;
  /** Derived from `children`, for the GIN index behind "who looked at this child". Sealed by the hash too. */
  child_ids: string[];
  other_fields: Json<unknown[]>;
  /** Classes of the fields returned, for filtering by class. */
  field_classes: string[];
  denied: Json<unknown[]>;
  outcome: string;
  error_codes: string[];
  reason: string | null;
  duration_ms: number;
  prev_hash: string;
  hash: string;
  /** On the last entry of each commit: the gateway's signature over (seq, hash), see seal.ts. Not sealed by the hash. */
  seal: ColumnType<string | null, string | null | undefined, never>;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  signed_at: Date;
  /** Compact JWS over {seq, hash, signedAt}, signed with the gateway's key. */
  jws: string;
}

export interface AccessNoticeTable {
  id: Generated<number>;
  seq: number;
  owner_agency: string;
  child_id: string;
  reader_agency: string;
  reader_subject: string;
  reader_region: string | null;
  purpose: string | null;
  fields: string[];
  at: Date;
}

export interface AccessNoticeAckTable {
  notice_id: number;
  acknowledged_by: string;
  acknowledged_at: Date;
}
