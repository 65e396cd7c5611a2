import type { Kysely } from 'kysely';

/** PostgreSQL's bind-parameter limit is 65,535; stay well under it. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows with as few multi-row INSERT statements as the parameter limit allows.
 * Rows of one call must have the same columns.
 */
export async function insertRows<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    await (db as Kysely<any>).insertInto(table).values(rows.slice(start, start + perStatement) as never).execute();
  }
}
