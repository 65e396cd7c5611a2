import DataLoader from 'dataloader';
import type { Connection } from '../pagination/connection.ts';
import { pageWindow, type PageArgs, type PageWindow } from '../pagination/page-window.ts';
import { MAX_BATCH_SIZE } from './keyed-loader.ts';

/**
 * Per-request loaders for "one page of a list, for many parents": one DataLoader per page
 * window (first/after), so parents asked with the same window batch into one statement.
 * `arity` is the number of columns in the list's sort key (cursor shape).
 */
export function pageLoaderFamily<Row>(
  arity: number,
  loadPages: (parents: readonly string[], window: PageWindow) => Promise<Connection<Row>[]>,
): (args: PageArgs) => DataLoader<string, Connection<Row>> {
  const loaders = new Map<string, DataLoader<string, Connection<Row>>>();
  return (args) => {
    const window = pageWindow(args, arity);
    let loader = loaders.get(window.signature);
    if (!loader) {
      loader = new DataLoader((parents) => loadPages(parents, window), { maxBatchSize: MAX_BATCH_SIZE });
      loaders.set(window.signature, loader);
    }
    return loader;
  };
}
