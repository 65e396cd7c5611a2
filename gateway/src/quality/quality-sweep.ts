import type { HubDB } from '@lbc/audit/store';
import { todayInChina, UNREGISTERED_PENDING_DAYS } from '@lbc/schema';
import type { Logger } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import type { AuditSink } from '../audit/commit-entry.ts';
import type { ExchangeClient } from '../exchange/exchange-client.ts';
import { checkTown } from './check-town.ts';

/** How the hub checks data quality. */
export interface QualitySettings {
  /** Time between the starts of two scheduled sweeps of every township. */
  intervalMs: number;
  /** Townships checked per exchange round, requests first: a round stays short whatever the country's size. */
  townsPerRound: number;
  /** Days an unregistered child may stay pending at the police. */
  pendingDays: number;
  /**
   * The day age and waiting-time rules are judged on (YYYY-MM-DD); today in China when
   * absent. Only for a dated world such as the demo's: its children would otherwise have
   * aged past the rules since it was made.
   */
  today?: string;
}

export const DEFAULT_QUALITY: QualitySettings = { intervalMs: 24 * 3600_000, townsPerRound: 20, pendingDays: UNREGISTERED_PENDING_DAYS };

const REQUESTS = `query Requests($limit: Int!) { _qualityRequests(limit: $limit) { townCode requestedAt } }`;
const TOWNS = `query Towns($after: String, $first: Int!) { _townCodes(after: $after, first: $first) }`;

export interface QualitySweepOptions {
  db: Kysely<HubDB>;
  client: ExchangeClient;
  audit: AuditSink;
  log: Logger;
  clock: () => Date;
  settings: QualitySettings;
}

/**
 * The hub's data-quality check, as a task of the exchange's round (so one process runs it,
 * under the exchange's lease). Each round checks the townships someone asked for, then
 * carries the scheduled sweep on by a few townships, in code order, from where it stands
 * in the hub database; a sweep that finished starts again once the interval has passed.
 */
export class QualitySweep {
  constructor(private readonly options: QualitySweepOptions) {}

  /** One round's share of the work; returns the townships checked. */
  async runOnce(): Promise<number> {
    const { client, settings } = this.options;
    const requests = (await client.call<{ _qualityRequests: { townCode: string; requestedAt: string }[] }>('handoffs', REQUESTS, { limit: settings.townsPerRound }))._qualityRequests;
    for (const request of requests) await this.check(request.townCode, new Date(request.requestedAt));
    const room = settings.townsPerRound - requests.length;
    return requests.length + (room > 0 ? await this.sweep(room) : 0);
  }

  private async sweep(room: number): Promise<number> {
    const { db, client, clock, settings } = this.options;
    const now = clock();
    const state = await db.selectFrom('quality_sweep').selectAll().where('id', '=', 1).executeTakeFirst();
    const running = state?.started_at && !state.finished_at;
    if (!running && state?.started_at && now.getTime() - state.started_at.getTime() < settings.intervalMs) return 0;
    const after = running ? state.position : null;
    if (!running) {
      await db
        .insertInto('quality_sweep')
        .values({ id: 1, position: null, started_at: now, finished_at: null })
        .onConflict((c) => c.column('id').doUpdateSet({ position: null, started_at: now, finished_at: null }))
        .execute();
      this.options.log.info('data-quality sweep started');
    }
    const towns = (await client.call<{ _townCodes: string[] }>('civil-affairs', TOWNS, { after, first: room }))._townCodes;
    for (const town of towns) {
      await this.check(town, null);
      await db.updateTable('quality_sweep').set({ position: town }).where('id', '=', 1).execute();
    }
    if (towns.length < room) {
      await db.updateTable('quality_sweep').set({ finished_at: clock() }).where('id', '=', 1).execute();
      this.options.log.info('data-quality sweep finished');
    }
    return towns.length;
  }

  private async check(townCode: string, requestedAt: Date | null): Promise<void> {
    const checkedAt = this.options.clock();
    const today = this.options.settings.today ?? todayInChina(checkedAt);
    const started = performance.now();
    const outcome = await checkTown(this.options.client, this.options.audit, townCode, { today, pendingDays: this.options.settings.pendingDays, checkedAt, answersRequestOf: requestedAt });
    const line = { townCode, ...outcome, durationMs: Math.round(performance.now() - started) };
    if (outcome.opened || outcome.resolved || outcome.discovered) this.options.log.info(line, 'data-quality check recorded changes');
    else this.options.log.debug(line, 'data-quality check found nothing new');
  }
}
