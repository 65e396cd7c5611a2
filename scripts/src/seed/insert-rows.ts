import { sql, type Kysely } from 'kysely';

/** Rows per statement: large enough to amortise the round trip, small enough to keep the JSON modest. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts rows as `insert … select … from json_populate_recordset(null::table, $1)`: one
 * bind parameter per statement however many rows, typed by the table's own row type.
 * Against thousands of bind parameters per multi-row VALUES statement this is several
 * times faster on PostgreSQL, and it runs unchanged on PGlite. Omitted columns (identity
 * ids) take their defaults. Rows of one call must have the same columns.
 */
export async function insertRows<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT));
    await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(db);
  }
}
