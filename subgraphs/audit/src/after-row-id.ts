import { invalidCursor, type PageWindow } from '@lbc/subgraph-kit';

/**
 * The row id (an entry's seq, a notice's id) a page starts after, or null for the first
 * page. Cursors are opaque but unsigned: a hand-made one must still hold a row position.
 */
export function afterRowId(window: PageWindow): number | null {
  if (!window.after) return null;
  const value = window.after[0];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidCursor();
  }
  return value;
}
