import { parseDivisionCode } from '@lbc/schema';
import { parseArgs } from 'node:util';
import { DEMO_COUNTIES } from './world/places.ts';

export const DEFAULT_CHILDREN = 6000;
export const DEFAULT_SEED = 20241122;
const MAX_CHILDREN = 20_000_000;

export interface SeedCliOptions {
  children: number;
  scope: string[];
  seed: number;
  reset: boolean;
  ifEmpty: boolean;
  allVillages: boolean;
}

export const SEED_USAGE = `usage: pnpm seed [--children N] [--scope CODE,CODE] [--seed N] [--reset] [--if-empty] [--all-villages]
  --children N      children to generate (default ${DEFAULT_CHILDREN}, at most ${MAX_CHILDREN.toLocaleString()})
  --scope CODES     division codes the children live under (default: ${DEMO_COUNTIES.join(',')})
  --seed N          world seed; the same seed gives the same children (default ${DEFAULT_SEED})
  --reset           wipe the four databases first
  --if-empty        do nothing when the databases already hold data (used by pnpm start)
  --all-villages    load all 620,573 villages into Region, not only those in scope`;

/** Parses and validates the seed command line; throws with a message that names the bad option. */
export function parseSeedOptions(argv: string[]): SeedCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      children: { type: 'string' },
      scope: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean' },
      'if-empty': { type: 'boolean' },
      'all-villages': { type: 'boolean' },
    },
  });
  const children = Number(values.children ?? DEFAULT_CHILDREN);
  if (!Number.isInteger(children) || children < 1 || children > MAX_CHILDREN) throw new Error(`--children must be a whole number from 1 to ${MAX_CHILDREN}`);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const scope = values.scope ? values.scope.split(',').map((c) => c.trim()) : [...DEMO_COUNTIES];
  for (const code of scope) {
    try {
      parseDivisionCode(code);
    } catch {
      throw new Error(`--scope: "${code}" is not a division code (2, 4, 6, 9 or 12 digits)`);
    }
  }
  return { children, scope, seed, reset: Boolean(values.reset), ifEmpty: Boolean(values['if-empty']), allVillages: Boolean(values['all-villages']) };
}
