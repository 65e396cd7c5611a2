import { QUARTER_SUBMISSION_DAYS } from '@lbc/schema';
import { env, parseEnv } from '@lbc/subgraph-kit';

const SHAPE = { LBC_QUARTER_SUBMISSION_DAYS: env.positiveInt('days', QUARTER_SUBMISSION_DAYS) };
let read: { raw: string | undefined; days: number } | undefined;

/**
 * Days after a quarter's last day by which a township's submission is on time: the
 * operator's LBC_QUARTER_SUBMISSION_DAYS, else QUARTER_SUBMISSION_DAYS. Read from the
 * environment when first needed and again only when the variable changes; a value that is
 * not a positive whole number is a ConfigError naming the variable.
 */
export function quarterSubmissionDays(environment: NodeJS.ProcessEnv = process.env): number {
  const raw = environment.LBC_QUARTER_SUBMISSION_DAYS;
  if (!read || read.raw !== raw) read = { raw, days: parseEnv(SHAPE, { LBC_QUARTER_SUBMISSION_DAYS: raw }).LBC_QUARTER_SUBMISSION_DAYS };
  return read.days;
}
