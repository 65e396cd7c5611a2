import { outsideJurisdiction } from './scope.ts';

/** A row read together with the caller's jurisdiction verdict (`inScope(...) as in_scope`), by one statement. */
export type Scoped<Row> = Row & { in_scope: boolean };

/**
 * The gate for lookups of one record: unknown stays a plain null, a record outside the
 * jurisdiction is null WITH a FORBIDDEN error, so a caller can tell "not yours" from
 * "does not exist" and never receives the data. Call it after awaiting the loader inside
 * an async resolver: in `_entities` the rejection then nulls that entity only (a
 * synchronous throw in `__resolveReference` would fail the whole list).
 */
export function visibleOrForbidden<Row extends { in_scope: boolean }>(row: Row | null | undefined, what: string): Row | null {
  if (row && !row.in_scope) throw outsideJurisdiction(what);
  return row ?? null;
}
