import type { ColumnType, Generated } from 'kysely';

/**
 * The outbox: events this agency publishes about the facts it owns, written in the same
 * transaction as the rows they describe, so an event exists exactly when its change
 * committed. `seq` orders them; the exchange reads them in that order per source.
 */
export interface OutboxTable {
  seq: ColumnType<string, never, never>;
  event_id: string;
  child_id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  created_at: Generated<Date>;
}

/** Events from other agencies already applied here: a redelivered event is recognised by its id and changes nothing. */
export interface InboxTable {
  event_id: string;
  source: string;
  applied_at: Generated<Date>;
}

/**
 * One row per idempotent write: the caller, its `Idempotency-Key`, the response path of the
 * mutation field (two aliased calls of one mutation are two writes), a fingerprint of the
 * arguments, and the result to answer a retry with. Committed with the write itself.
 */
export interface WriteRequestTable {
  issuer: string;
  subject: string;
  key: string;
  field_path: string;
  request_hash: string;
  result: ColumnType<unknown, string | null, string>;
  created_at: Generated<Date>;
}

/** The tables the kit's write path needs in every agency database. */
export interface WriteTables {
  outbox: OutboxTable;
  inbox: InboxTable;
  write_request: WriteRequestTable;
}

/** The tables, identical in every agency database (each subgraph's migration runs these). */
export const WRITE_TABLES_DDL: readonly string[] = [
  `create table outbox (
      seq bigserial primary key,
      event_id uuid not null unique,
      child_id text not null,
      kind text not null,
      payload jsonb not null,
      created_at timestamptz not null default now()
    )`,
  `create table inbox (
      event_id uuid primary key,
      source text not null,
      applied_at timestamptz not null default now()
    )`,
  `create table write_request (
      issuer text not null,
      subject text not null,
      key text not null,
      field_path text not null,
      request_hash text not null,
      result jsonb,
      created_at timestamptz not null default now(),
      primary key (issuer, subject, key, field_path)
    )`,
  // Keys older than the retention are swept by age.
  `create index write_request_created_at on write_request (created_at)`,
];

/** How long an Idempotency-Key is honoured: at least a day, as the hub promises callers. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;
