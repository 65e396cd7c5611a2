import { sql, type Kysely } from 'kysely';

/** Stops marking areas (see ROLLUP_MACHINERY_DDL): for a bulk load that rebuilds afterwards. */
export async function pauseRollups(db: Kysely<any>): Promise<void> {
  await sql`update rollup_control set paused = true`.execute(db);
}

/** Marks again. Call it after rebuilding: what was written while paused is counted only by a rebuild. */
export async function resumeRollups(db: Kysely<any>): Promise<void> {
  await sql`update rollup_control set paused = false`.execute(db);
}

/** Whether marking is paused: after a bulk load that did not finish, the rollups need a rebuild. */
export async function rollupsPaused(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ paused: boolean }>`select paused from rollup_control`.execute(db);
  return rows[0]?.paused ?? false;
}
