import { sql, type Kysely } from 'kysely';

/**
 * Runs DDL statements one by one. Both drivers must work: PGlite's query path uses the
 * extended protocol, which takes one statement per call, so a script joined with ';'
 * would fail there while passing on pg.
 */
export async function runDdl(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
