import type { Logger } from '@lbc/subgraph-kit';
import type { ExchangeClient } from '../exchange/exchange-client.ts';

/** Most hand-offs one sweep escalates; the next round takes the rest. */
const SWEEP_BATCH = 500;

/**
 * Runs the hand-offs' clock: asks the hand-off subgraph to record what ran past due by
 * `clock()` — overdue marks and escalations, with their notices — until nothing more is
 * due. The clock is the hub's: tests move it on instead of waiting hours.
 */
export async function sweepHandoffClock(client: ExchangeClient, clock: () => Date, log: Logger): Promise<number> {
  let escalated = 0;
  for (;;) {
    const round = await client.escalateOverdue(clock(), SWEEP_BATCH);
    escalated += round.escalated;
    if (round.escalated || round.markedOverdue) log.info(round, 'hand-off clock: overdue recorded');
    if (round.checked < SWEEP_BATCH) return escalated;
  }
}
