import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/** Roles a deployment connects as: the gateway writes, the audit subgraph reads. Neither may change what is written. */
export const AUDIT_WRITER_ROLE = 'lbc_audit_writer';
export const AUDIT_READER_ROLE = 'lbc_audit_reader';

/**
 * Raises on every UPDATE, DELETE and TRUNCATE of an append-only table, whoever asks:
 * privileges keep the application roles out, the trigger also stops a careless owner.
 * (A superuser can still disable triggers; the hash chain and signed checkpoints are
 * what reveal that.)
 */
const refuseChange = `create function audit_refuse_change() returns trigger language plpgsql as $$
  begin
    raise exception 'the audit log is append-only: % on % is refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
  end
$$`;

function appendOnly(table: string): string[] {
  return [
    `create trigger ${table}_append_only before update or delete on ${table} for each row execute function audit_refuse_change()`,
    `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function audit_refuse_change()`,
  ];
}

/** Roles are cluster-wide: several hub databases on one server (tests, CI) share them, so creation tolerates a twin. */
function createRole(name: string): string {
  return `do $$ begin
    create role ${name} nologin;
  exception when duplicate_object or unique_violation then null;
  end $$`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `create table audit_entry (
      seq bigint primary key check (seq > 0),
      at timestamptz not null,
      request_id text not null,
      subject text,
      issuer text,
      agency text,
      level text,
      region text,
      org text,
      roles text[] not null,
      client text,
      purpose text,
      case_id text,
      justification text,
      break_glass boolean not null,
      mode text,
      operation_name text,
      operation_hash text,
      operation_text text,
      variables jsonb not null,
      fetches jsonb not null,
      children jsonb not null,
      child_ids text[] not null,
      other_fields jsonb not null,
      field_classes text[] not null,
      denied jsonb not null,
      outcome text not null check (outcome in ('ok', 'partial', 'rejected', 'error')),
      error_codes text[] not null,
      reason text,
      duration_ms integer not null,
      prev_hash text not null,
      hash text not null unique
    )`,
    // The auditors' filters, each newest first (seq order is commit order).
    `create index audit_entry_child_idx on audit_entry using gin (child_ids)`,
    `create index audit_entry_class_idx on audit_entry using gin (field_classes)`,
    `create index audit_entry_subject_idx on audit_entry (subject, seq desc)`,
    `create index audit_entry_region_idx on audit_entry (region text_pattern_ops, seq desc)`,
    `create index audit_entry_at_idx on audit_entry (at, seq)`,
    `create table audit_checkpoint (
      seq bigint primary key references audit_entry (seq),
      hash text not null,
      signed_at timestamptz not null,
      jws text not null
    )`,
    `create table access_notice (
      id bigint generated always as identity primary key,
      seq bigint not null references audit_entry (seq),
      owner_agency text not null,
      child_id text not null,
      reader_agency text not null,
      reader_subject text not null,
      reader_region text,
      purpose text,
      fields text[] not null,
      at timestamptz not null
    )`,
    `create index access_notice_owner_idx on access_notice (owner_agency, id desc)`,
    `create table access_notice_ack (
      notice_id bigint primary key references access_notice (id),
      acknowledged_by text not null,
      acknowledged_at timestamptz not null
    )`,
    refuseChange,
    ...appendOnly('audit_entry'),
    ...appendOnly('audit_checkpoint'),
    ...appendOnly('access_notice'),
    ...appendOnly('access_notice_ack'),
    createRole(AUDIT_WRITER_ROLE),
    createRole(AUDIT_READER_ROLE),
    `grant select, insert on audit_entry, audit_checkpoint, access_notice to ${AUDIT_WRITER_ROLE}`,
    `grant select on audit_entry, audit_checkpoint, access_notice, access_notice_ack to ${AUDIT_READER_ROLE}`,
    `grant insert on access_notice_ack to ${AUDIT_READER_ROLE}`,
  ]);
}

// No down migration: the audit log is kept at least three years and nothing in the hub deletes it.
