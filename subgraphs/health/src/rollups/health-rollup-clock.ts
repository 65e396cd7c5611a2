import type { Logger } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import { todayInChina } from '@lbc/schema';

/** How often the keeper looks whether China's day has changed: the clock moves within this after midnight. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Moves the rollup clock forward to `today` (never back): the villages of children whose
 * immunisation date lies between the old day and today are recounted and the clock set, in
 * one transaction. Returns how many villages were recounted (0 when the clock was there).
 */
export async function advanceHealthRollupClock(db: Kysely<any>, today: string = todayInChina()): Promise<number> {
  const { rows } = await sql<{ villages: number }>`
    select move_health_rollup_clock(${today}::date) as villages from health_rollup_clock where as_of < ${today}::date`.execute(db);
  return rows[0]?.villages ?? 0;
}

/**
 * Keeps the clock at today while the service runs: once now, then hourly (a no-op until the
 * day changes). Why move it at all, when the region read is exact whatever the clock says:
 * the read adds the children whose date lies between the clock and today, and left alone
 * that set grows to every child who fell behind since the clock was set, read on each
 * request; moved daily it is at most a day's crossings. A failure is logged, never thrown:
 * counts stay exact, only that correction grows until a later tick succeeds. The timer does
 * not keep the process alive; the returned function stops it.
 */
export async function keepHealthRollupClock(db: Kysely<any>, log: Pick<Logger, 'info' | 'error'>): Promise<() => void> {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const villages = await advanceHealthRollupClock(db);
      if (villages) log.info({ villages }, 'health rollup clock moved to today');
    } catch (error) {
      log.error({ err: error }, 'moving the health rollup clock failed; region counts stay exact, their correction grows');
    } finally {
      running = false;
    }
  };
  await tick();
  const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
