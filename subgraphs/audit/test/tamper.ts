import { sql, type Kysely } from 'kysely';
import type { HubDB } from '../src/store/index.ts';

/** What an attacker with superuser rights does: switch triggers (append-only, foreign keys) off for the session, then edit. */
export async function tamper(db: Kysely<HubDB>, statements: string[]): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql.raw('set session_replication_role = replica').execute(connection);
    try {
      for (const statement of statements) await sql.raw(statement).execute(connection);
    } finally {
      await sql.raw('set session_replication_role = default').execute(connection);
    }
  });
}
