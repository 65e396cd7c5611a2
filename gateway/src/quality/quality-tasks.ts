import type { HubDB } from '@lbc/audit/store';
import type { Logger } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import type { AuditSink } from '../audit/commit-entry.ts';
import type { ExchangeClient } from '../exchange/exchange-client.ts';
import type { RoundTask } from '../exchange/exchange.ts';
import { DEFAULT_QUALITY, QualitySweep, type QualitySettings } from './quality-sweep.ts';

export interface QualityTaskOptions {
  db: Kysely<HubDB>;
  client: ExchangeClient;
  audit: AuditSink;
  log: Logger;
  settings?: QualitySettings | undefined;
  clock?: (() => Date) | undefined;
}

/** The data-quality check as a task of the exchange's round. */
export function qualityTasks(options: QualityTaskOptions): RoundTask[] {
  const sweep = new QualitySweep({
    db: options.db,
    client: options.client,
    audit: options.audit,
    log: options.log.child({ task: 'quality' }),
    clock: options.clock ?? (() => new Date()),
    settings: options.settings ?? DEFAULT_QUALITY,
  });
  return [{ name: 'quality-checks', run: () => sweep.runOnce() }];
}
