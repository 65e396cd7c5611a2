import DataLoader from 'dataloader';

/**
 * The most keys one statement carries. Pages are at most 500 rows, but nesting multiplies
 * them (500 provinces' worth of sub-regions' sub-regions…): past this, a batch becomes
 * several statements rather than one that exceeds PostgreSQL's 65,535 bind parameters.
 */
export const MAX_BATCH_SIZE = 1000;

/**
 * A per-request loader for rows found by a unique key. `fetch` receives every key asked
 * for in one tick and must answer with one SQL statement; the result is re-ordered to
 * match the keys (DataLoader's contract), with null for keys that have no row.
 */
export function keyedLoader<K extends string | number, Row>(fetch: (keys: readonly K[]) => Promise<Row[]>, keyOf: (row: Row) => K): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(
    async (keys) => {
      const byKey = new Map<K, Row>();
      for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  );
}

/** Like `keyedLoader`, for one-to-many: every key gets the (possibly empty) list of its rows. */
export function groupedLoader<K extends string | number, Row>(fetch: (keys: readonly K[]) => Promise<Row[]>, keyOf: (row: Row) => K): DataLoader<K, Row[]> {
  return new DataLoader<K, Row[]>(
    async (keys) => {
      const byKey = new Map<K, Row[]>(keys.map((key) => [key, []]));
      for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
      return keys.map((key) => byKey.get(key) ?? []);
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  );
}
