import type { Insertable, Selectable } from 'kysely';
import type { AuditEntry, AuditOutcome, AuditRecord } from './audit-record.ts';
import type { AuditEntryTable } from './hub-db.ts';
import { storable } from './storable.ts';

export type AuditEntryRow = Selectable<AuditEntryTable>;

/** Every column of an entry's row but its hash and its seal, as JavaScript values (jsonb columns as objects): what the hash seals. */
export type SealedRow = Omit<AuditEntryRow, 'hash' | 'seal'>;

const JSON_COLUMNS = ['variables', 'fetches', 'children', 'other_fields', 'denied', 'writes'] as const;

/**
 * The row for a record at position `seq` after `prevHash`. Child ids and field classes
 * are stored apart for indexing; they are derived here, never taken from the caller.
 */
export function sealedRow(unsafe: AuditRecord, seq: number, prevHash: string): SealedRow {
  const record = storable(unsafe);
  const p = record.principal;
  return {
    seq,
    at: record.at,
    request_id: record.requestId,
    subject: p?.subject ?? null,
    issuer: p?.issuer ?? null,
    agency: p?.agency ?? null,
    level: p?.level ?? null,
    region: p?.region ?? null,
    org: p?.org ?? null,
    roles: p?.roles ?? [],
    client: record.client,
    purpose: record.purpose,
    case_id: record.caseId,
    justification: record.justification,
    break_glass: record.breakGlass,
    mode: record.mode,
    operation_name: record.operationName,
    operation_hash: record.operationHash,
    operation_text: record.operationText,
    variables: record.variables,
    fetches: record.fetches,
    children: record.children,
    // A child written about is a child accessed: "who touched this child" finds writes too.
    child_ids: [...new Set([...record.children.map((c) => c.childId), ...(record.writes ?? []).flatMap((w) => (w.childId ? [w.childId] : []))])].sort(),
    other_fields: record.otherFields,
    field_classes: [...new Set([...record.children.flatMap((c) => c.fields), ...record.otherFields].map((f) => f.fieldClass))].sort(),
    denied: record.denied,
    writes: record.writes?.length ? record.writes : null,
    outcome: record.outcome,
    error_codes: record.errorCodes,
    reason: record.reason,
    duration_ms: Math.round(record.durationMs),
    prev_hash: prevHash,
  };
}

/** The sealed row with its hash (and, on a commit's last row, its seal), ready to insert (jsonb columns as JSON text, which both drivers accept). */
export function insertable(row: SealedRow, hash: string, seal: string | null = null): Insertable<AuditEntryTable> {
  const out: Record<string, unknown> = { ...row, hash, seal };
  for (const column of JSON_COLUMNS) out[column] = row[column] === null ? null : JSON.stringify(row[column]);
  return out as Insertable<AuditEntryTable>;
}

/** A stored row as the auditors' API presents it. */
export function fromRow(row: AuditEntryRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: new Date(row.at),
    requestId: row.request_id,
    principal:
      row.subject === null ? null : { subject: row.subject, issuer: row.issuer ?? '', agency: row.agency ?? '', level: row.level ?? '', region: row.region ?? '', org: row.org, roles: row.roles },
    client: row.client,
    purpose: row.purpose,
    caseId: row.case_id,
    justification: row.justification,
    breakGlass: row.break_glass,
    mode: row.mode,
    operationName: row.operation_name,
    operationHash: row.operation_hash,
    operationText: row.operation_text,
    variables: row.variables as Record<string, unknown>,
    fetches: row.fetches as AuditEntry['fetches'],
    children: row.children as AuditEntry['children'],
    otherFields: row.other_fields as AuditEntry['otherFields'],
    denied: row.denied as AuditEntry['denied'],
    ...(row.writes ? { writes: row.writes as AuditEntry['writes'] } : {}),
    outcome: row.outcome as AuditOutcome,
    errorCodes: row.error_codes,
    reason: row.reason,
    durationMs: row.duration_ms,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
