import { villageCodeRange } from '@lbc/schema';
import { sql, type RawBuilder } from 'kysely';

/**
 * A derived table `(code, low, high)` — one row per requested region with the range of
 * 12-digit village codes it contains. Joining it on `col between r.low and r.high` gives
 * every region's aggregate in one statement, each side served by a btree index.
 */
export function regionRanges(codes: readonly string[], alias = 'r'): RawBuilder<unknown> {
  const rows = codes.map((code) => {
    const { low, high } = villageCodeRange(code);
    return sql`(${code}::text, ${low}::text, ${high}::text)`;
  });
  return sql`(values ${sql.join(rows)}) as ${sql.raw(alias)}(code, low, high)`;
}
