import { parseArgs } from 'node:util';

/** What one run of `pnpm bench:gateway` does; every field checked by `parseBenchOptions`. */
export interface BenchOptions {
  /** Children in the seeded world (six demo counties). */
  children: number;
  /** Measured requests per gateway, query and concurrency in each round. */
  requests: number;
  /** Unmeasured requests before each measured run (same concurrency; at least as many as in flight). */
  warmup: number;
  rounds: number;
  /** Requests kept in flight at once; each level is run separately. */
  concurrency: number[];
  /** The hub's gateway listens on it, its subgraphs on the next five; bare and Hive above them (see ports.ts). */
  portBase: number;
  /** Where the raw figures go as JSON, if anywhere. */
  json?: string;
}

export const BENCH_USAGE = `usage: pnpm bench:gateway [--children N] [--requests N] [--rounds N] [--warmup N]
                          [--concurrency 1,10,50] [--port-base 4400] [--json FILE]

Compares the CPU cost of the hub's gateway with a bare @apollo/gateway and with Hive
Gateway: same supergraph, same five subgraphs over PostgreSQL, same three queries (a child's
full record, a page of 100 children, a county's overview), same caller. Each gateway runs
as its own process; its CPU (all threads, from /proc) is divided by the requests it served.

  --children N      children in the seeded world (default 20000, at least 1000); the
                    databases lbc_bench_<service> are created, and reseeded when N changes
  --requests N      measured requests per gateway, query and concurrency, each round (default 100)
  --rounds N        rounds; the gateways take turns in a rotated order each round (default 3)
  --warmup N        unmeasured requests before each measured run (default 10; never fewer
                    than are in flight, so that every connection is open before measuring)
  --concurrency L   comma-separated levels of requests in flight (default 1,10,50)
  --port-base P     hub gateway on P, subgraphs on P+1..P+5, bare on P+7, Hive on P+8 (default 4400)
  --json FILE       also write every measured run's raw figures to FILE
  --help            this text`;

/** Thrown for a command line that cannot run: the message names the option at fault. */
export class BenchOptionError extends Error {
  override name = 'BenchOptionError';
}

/** Parses and checks the command line; throws BenchOptionError naming the first bad option. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        children: { type: 'string', default: '20000' },
        requests: { type: 'string', default: '100' },
        rounds: { type: 'string', default: '3' },
        warmup: { type: 'string', default: '10' },
        concurrency: { type: 'string', default: '1,10,50' },
        'port-base': { type: 'string', default: '4400' },
        json: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BenchOptionError((error as Error).message);
  }
  // A page of 100 children is read from one of the six demo counties: a smaller world has too few there.
  const children = wholeNumber('--children', values.children, 1000, 20_000_000);
  const requests = wholeNumber('--requests', values.requests, 1, 1_000_000);
  const rounds = wholeNumber('--rounds', values.rounds, 1, 1000);
  const warmup = wholeNumber('--warmup', values.warmup, 0, 1_000_000);
  const concurrency = values.concurrency.split(',').map((level) => wholeNumber('--concurrency', level.trim(), 1, 1000));
  if (new Set(concurrency).size !== concurrency.length) throw new BenchOptionError('--concurrency: each level at most once');
  const portBase = wholeNumber('--port-base', values['port-base'], 1024, 65_535 - 8);
  if (values.json !== undefined && values.json.trim() === '') throw new BenchOptionError('--json needs a file name');
  return { children, requests, rounds, warmup, concurrency, portBase, ...(values.json ? { json: values.json } : {}) };
}

function wholeNumber(option: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || value < min || value > max) throw new BenchOptionError(`${option} must be a whole number from ${min} to ${max.toLocaleString('en')} (got "${raw}")`);
  return value;
}
