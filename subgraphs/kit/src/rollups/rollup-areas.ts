import { sql, type Kysely } from 'kysely';
import type { RollupDefinition } from './rollup-definition.ts';

/** Every area the rows or the rollup itself hold, in code order and in chunks: what rebuild and check walk. */
export async function rollupAreaChunks(db: Kysely<any>, rollup: RollupDefinition, chunkSize: number): Promise<string[][]> {
  const { rows } = await sql<{ area: string }>`
    select area from (${sql.raw(rollup.sourceAreas)}) s where area is not null
    union select ${sql.ref(rollup.area)} from ${sql.table(rollup.name)}
    order by area`.execute(db);
  const chunks: string[][] = [];
  for (let i = 0; i < rows.length; i += chunkSize) chunks.push(rows.slice(i, i + chunkSize).map((r) => r.area));
  return chunks;
}
