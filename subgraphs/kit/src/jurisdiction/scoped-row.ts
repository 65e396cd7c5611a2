import { notFound } from '@lbc/schema';
import type { GraphQLError } from 'graphql';
import { outsideJurisdiction } from './scope.ts';

/** A row read together with the caller's jurisdiction verdict (`inScope(...) as in_scope`), by one statement. */
export type Scoped<Row> = Row & { in_scope: boolean };

/**
 * The gate for lookups by the hub's own opaque ids (child id, report id): unknown stays a
 * plain null, a record outside the jurisdiction is null WITH a FORBIDDEN error, so a
 * caller can tell "not yours" from "does not exist" and never receives the data. That an
 * opaque registry id exists says nothing about a person. Call it after awaiting the
 * loader inside an async resolver: in `_entities` the rejection then nulls that entity
 * only (a synchronous throw in `__resolveReference` would fail the whole list).
 */
export function visibleOrForbidden<Row extends { in_scope: boolean }>(row: Row | null | undefined, what: string): Row | null {
  if (row && !row.in_scope) throw outsideJurisdiction(what);
  return row ?? null;
}

/** The one answer to a lookup by a personal identifier that finds nothing the caller may see. */
export const NOT_FOUND_OR_OUTSIDE_JURISDICTION = 'NOT_FOUND_OR_OUTSIDE_JURISDICTION';

/**
 * The error of a lookup by a personal identifier (ID number, student number, household or
 * health-record number) that found no record within the caller's jurisdiction. `what`
 * names the kind of record, never the identifier: errors travel further than answers.
 */
export function notFoundInJurisdiction(what: string): GraphQLError {
  return notFound(`no ${what} found within your jurisdiction`, { reason: NOT_FOUND_OR_OUTSIDE_JURISDICTION, inResolver: true });
}

/**
 * The gate for lookups by a personal identifier: "no such record" and "a record outside
 * your jurisdiction" get the same answer (null, and the same NOT_FOUND error), so nobody
 * can test whether an ID number exists somewhere in the country. Loaders still read the
 * row with its verdict in one statement; only the answer is the same. Call it after
 * awaiting the loader inside an async resolver (see visibleOrForbidden).
 */
export function visibleOrNotFound<Row extends { in_scope: boolean }>(row: Row | null | undefined, what: string): Row {
  if (!row || !row.in_scope) throw notFoundInJurisdiction(what);
  return row;
}
