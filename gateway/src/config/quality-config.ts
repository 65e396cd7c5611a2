import { env } from '@lbc/subgraph-kit';
import { z } from 'zod';
import { DEFAULT_QUALITY, type QualitySettings } from '../quality/quality-sweep.ts';

/** The data-quality check's variables, read by the gateway (exchange in-process) and by `pnpm exchange`. */
export const QUALITY_ENV = {
  LBC_QUALITY_INTERVAL_HOURS: env.positiveInt('hours', DEFAULT_QUALITY.intervalMs / 3600_000),
  LBC_QUALITY_TOWNS_PER_ROUND: env.positiveInt('townships', DEFAULT_QUALITY.townsPerRound),
  LBC_QUALITY_PENDING_DAYS: env.positiveInt('days', DEFAULT_QUALITY.pendingDays),
  // The demo world is dated: judged on today, its children would have aged past the rules since.
  LBC_QUALITY_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date (YYYY-MM-DD)' })
    .optional(),
};

/** The settings from the parsed variables. */
export function qualitySettings(settings: {
  LBC_QUALITY_INTERVAL_HOURS: number;
  LBC_QUALITY_TOWNS_PER_ROUND: number;
  LBC_QUALITY_PENDING_DAYS: number;
  LBC_QUALITY_TODAY?: string | undefined;
}): QualitySettings {
  return {
    intervalMs: settings.LBC_QUALITY_INTERVAL_HOURS * 3600_000,
    townsPerRound: settings.LBC_QUALITY_TOWNS_PER_ROUND,
    pendingDays: settings.LBC_QUALITY_PENDING_DAYS,
    ...(settings.LBC_QUALITY_TODAY ? { today: settings.LBC_QUALITY_TODAY } : {}),
  };
}
