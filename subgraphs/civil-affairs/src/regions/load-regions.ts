import type { Kysely } from 'kysely';
import type { CivilAffairsDB, RegionTable } from '../db-types.ts';
import { DIVISION_FILES, readDivisionFile } from './division-files.ts';

export interface LoadRegionsOptions {
  /**
   * Load villages only under these prefixes (e.g. the demo counties); the four levels
   * above are always loaded in full. Omit to load all 620,573 villages.
   */
  villagesUnder?: readonly string[];
  onProgress?: (loaded: number) => void;
}

const BATCH = 5000;

/** Fills the region table from the real division data; idempotent (existing codes are kept). */
export async function loadRegions(db: Kysely<CivilAffairsDB>, options: LoadRegionsOptions = {}): Promise<number> {
  let loaded = 0;
  for (const file of DIVISION_FILES) {
    let batch: RegionTable[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await db
        .insertInto('region')
        .values(batch)
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      loaded += batch.length;
      options.onProgress?.(loaded);
      batch = [];
    };
    for await (const record of readDivisionFile(file)) {
      if (file.level === 'VILLAGE' && options.villagesUnder && !options.villagesUnder.some((p) => record.code.startsWith(p))) continue;
      batch.push({ code: record.code, name: record.name, level: file.level, parent_code: record.parentCode });
      if (batch.length === BATCH) await flush();
    }
    await flush();
  }
  return loaded;
}
