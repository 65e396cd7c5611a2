import { countArgument } from './count-argument.ts';
import { decodeCursor, type CursorKey } from './cursor.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** A validated page request: how many rows, starting after which sort key. */
export interface PageWindow {
  first: number;
  after: CursorKey | null;
  /** Stable string for grouping loaders: requests for the same window batch together. */
  signature: string;
}

/** Validates `first`/`after`; `arity` is the number of columns in this list's sort key. */
export function pageWindow(args: PageArgs, arity: number): PageWindow {
  const first = pageSize(args.first);
  const after = args.after ? decodeCursor(args.after, arity) : null;
  return { first, after, signature: `${first}:${args.after ?? ''}` };
}

/** Validates a `first` argument (DEFAULT_PAGE_SIZE when absent), for every list, paged by cursor or not. */
export function pageSize(first: number | null | undefined): number {
  return countArgument('first', first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}
