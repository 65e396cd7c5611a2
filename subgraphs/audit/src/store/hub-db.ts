import type { ColumnType, Generated } from 'kysely';

/** The hub database: the gateway's own, separate from every agency's. */
export interface HubDB {
  audit_entry: AuditEntryTable;
  audit_checkpoint: AuditCheckpointTable;
  access_notice: AccessNoticeTable;
  access_notice_ack: AccessNoticeAckTable;
  idempotent_response: IdempotentResponseTable;
  exchange_cursor: ExchangeCursorTable;
  exchange_lease: ExchangeLeaseTable;
  webhook_feed: WebhookFeedTable;
  webhook_delivery: WebhookDeliveryTable;
  quality_sweep: QualitySweepTable;
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
  /** Null on reads (and on every entry from before writes): see AuditRecord.writes. */
  writes: ColumnType<unknown[] | null, string | null, never>;
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

/** A mutation request sent with an Idempotency-Key: pending (status null) until answered. */
export interface IdempotentResponseTable {
  issuer: string;
  subject: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Generated<Date>;
}

/** Per source agency and subscriber: the last outbox position delivered, and what waits. */
export interface ExchangeCursorTable {
  source: string;
  subscriber: string;
  /** bigint: drivers return it as a number (see the kit's type parsers). */
  position: ColumnType<number, number | undefined, number>;
  delivered_at: Date | null;
  oldest_pending_at: Date | null;
  pending: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  checked_at: Date | null;
}

export interface ExchangeLeaseTable {
  name: string;
  holder: string;
  expires_at: Date;
}

/** How far the hub has read a feed it pushes (the hand-off notices). */
export interface WebhookFeedTable {
  name: string;
  position: ColumnType<string, string | number, string | number>;
}

/** One notice for one subscriber, until delivered or given up on. */
export interface WebhookDeliveryTable {
  subscription_id: string;
  notice_id: string;
  notice_seq: ColumnType<string, string, never>;
  handoff_id: string;
  child_id: string | null;
  payload: string;
  status: ColumnType<'PENDING' | 'DELIVERED' | 'FAILED', 'PENDING' | undefined, 'PENDING' | 'DELIVERED' | 'FAILED'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
}

/** Where the scheduled data-quality sweep stands (one row). */
export interface QualitySweepTable {
  id: number;
  position: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}
