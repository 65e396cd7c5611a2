import { outsideJurisdiction } from '@lbc/subgraph-kit';
import type { ChildRow } from './db-types.ts';

/**
 * The gate for single-child lookups: a child outside the caller's jurisdiction is null
 * *with* a reason (FORBIDDEN), so a caller can tell "not yours" from "no such child".
 * Async, so that in `_entities` the refusal nulls one entity, not the whole list.
 */
export async function authorizedChild(row: Promise<(ChildRow & { in_scope: boolean }) | null>, label: string): Promise<ChildRow | null> {
  const child = await row;
  if (!child) return null;
  if (!child.in_scope) throw outsideJurisdiction(`child ${label}`);
  return child;
}
