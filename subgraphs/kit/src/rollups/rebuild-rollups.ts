import { sql, type Kysely } from 'kysely';
import { rollupAreaChunks } from './rollup-areas.ts';
import type { RollupDefinition } from './rollup-definition.ts';

export interface RebuildOptions {
  /** Areas recomputed per statement (default 1,000). */
  chunkSize?: number;
  onProgress?: (progress: { rollup: string; done: number; total: number }) => void;
}

/**
 * Recomputes every area of each rollup from the rows, a chunk of areas per transaction.
 * Areas that no longer hold anything lose their row. Used after a bulk load and to mend a
 * rollup the consistency check found wrong.
 */
export async function rebuildRollups(db: Kysely<any>, rollups: readonly RollupDefinition[], options: RebuildOptions = {}): Promise<void> {
  for (const rollup of rollups) {
    const chunks = await rollupAreaChunks(db, rollup, options.chunkSize ?? 1000);
    let done = 0;
    for (const codes of chunks) {
      await sql`select ${sql.raw(`refresh_${rollup.name}`)}(${codes}::text[])`.execute(db);
      done += codes.length;
      options.onProgress?.({ rollup: rollup.name, done, total: chunks.reduce((n, c) => n + c.length, 0) });
    }
  }
}
