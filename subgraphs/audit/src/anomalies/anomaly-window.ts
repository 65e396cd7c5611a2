import { badUserInput } from '@lbc/schema';
import type { AnomalyWindow } from '../generated/resolvers-types.ts';
import { timeRange } from '../access-log/time-range.ts';
import { MAX_WINDOW_DAYS } from './anomaly-thresholds.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Validates the window of an anomaly query: from before to, at most MAX_WINDOW_DAYS long. */
export function anomalyWindow(window: AnomalyWindow): { from: Date; to: Date } {
  const { from, to } = timeRange(window.from, window.to, 'window');
  if (to!.getTime() - from!.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw badUserInput(`"window" may cover at most ${MAX_WINDOW_DAYS} days`, { argumentName: 'window', inResolver: true });
  }
  return { from: from!, to: to! };
}
