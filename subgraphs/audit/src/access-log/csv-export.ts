import { countArgument } from '@lbc/subgraph-kit';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { HubDB } from '../store/hub-db.ts';
import { csvLine } from './csv.ts';

/** The most lines one export returns: an export is one statement and one string in memory. Narrow `filter.to` for older entries. */
export const MAX_CSV_LINES = 10_000;

export const CSV_COLUMNS = [
  'seq',
  'at',
  'request_id',
  'subject',
  'agency',
  'level',
  'region',
  'client',
  'purpose',
  'case_id',
  'break_glass',
  'operation_name',
  'outcome',
  'child_ids',
  'field_classes',
  'denied_count',
  'hash',
] as const;

interface CsvRow {
  seq: number;
  at: Date;
  request_id: string;
  subject: string | null;
  agency: string | null;
  level: string | null;
  region: string | null;
  client: string | null;
  purpose: string | null;
  case_id: string | null;
  break_glass: boolean;
  operation_name: string | null;
  outcome: string;
  child_ids: string[];
  field_classes: string[];
  denied_count: number;
  hash: string;
}

/** Validates the `limit` argument of an export. */
export function csvLimit(limit: number | null | undefined): number {
  return countArgument('limit', limit, MAX_CSV_LINES, MAX_CSV_LINES);
}

/**
 * The newest `limit` entries matching `conditions` as CSV, header first, in one statement
 * that reads only the exported columns (the denied list is counted in SQL, not loaded).
 * Multi-valued cells (child ids, field classes) are space-separated: ids and class names
 * contain no spaces.
 */
export async function accessLogCsv(db: Kysely<HubDB>, conditions: RawBuilder<boolean>, limit: number): Promise<string> {
  const { rows } = await sql<CsvRow>`
    select e.seq, e.at, e.request_id, e.subject, e.agency, e.level, e.region, e.client, e.purpose, e.case_id,
      e.break_glass, e.operation_name, e.outcome, e.child_ids, e.field_classes,
      jsonb_array_length(e.denied)::int as denied_count, e.hash
    from audit_entry e
    where ${conditions}
    order by e.seq desc
    limit ${limit}`.execute(db);
  const lines = rows.map((row) =>
    csvLine([
      Number(row.seq),
      new Date(row.at).toISOString(),
      row.request_id,
      row.subject,
      row.agency,
      row.level,
      row.region,
      row.client,
      row.purpose,
      row.case_id,
      row.break_glass,
      row.operation_name,
      row.outcome,
      row.child_ids.join(' '),
      row.field_classes.join(' '),
      row.denied_count,
      row.hash,
    ]),
  );
  return csvLine(CSV_COLUMNS) + lines.join('');
}
