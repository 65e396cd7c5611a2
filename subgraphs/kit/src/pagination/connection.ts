import { encodeCursor, type CursorKey } from './cursor.ts';

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Builds a Relay-style connection from up to `first + 1` rows: the extra row, when
 * present, only proves there is a next page and is not returned.
 */
export function toConnection<T>(rows: readonly T[], first: number, cursorKey: (row: T) => CursorKey): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorKey(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
