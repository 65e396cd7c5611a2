import { notFound } from '@lbc/schema';
import { outsideJurisdiction } from '../jurisdiction/scope.ts';

/**
 * The record a write is about, read with the caller's jurisdiction verdict (`… as in_scope`,
 * in the same statement that locks it): NOT_FOUND when there is none (`missing` says what),
 * FORBIDDEN naming `what` when it lies outside the jurisdiction, else the row without the
 * verdict. Thrown inside the write's transaction, so nothing is written.
 */
export function recordForWrite<Row extends { in_scope: boolean }>(row: Row | undefined, what: string, missing = `no ${what}`): Omit<Row, 'in_scope'> {
  if (!row) throw notFound(missing, { inResolver: true });
  const { in_scope: inJurisdiction, ...record } = row;
  if (!inJurisdiction) throw outsideJurisdiction(what);
  return record;
}
