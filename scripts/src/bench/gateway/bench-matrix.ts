import { measure, type BenchTarget, type CpuSources, type Sample } from './measure.ts';
import type { BenchOptions } from './options.ts';
import type { BenchQuery } from './queries.ts';

/**
 * Every measured run, interleaved: for each round, each query and each concurrency, every
 * gateway in turn, the order rotated by one each round. A slow minute on the shared
 * machine (another process, the database checkpointing) then falls on all three gateways
 * alike rather than on whichever was measured at that moment. `between` runs after each
 * run (a check that every process is still up).
 */
export async function runMatrix(targets: readonly BenchTarget[], queries: readonly BenchQuery[], token: string, options: BenchOptions, sources: CpuSources, between: () => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
    for (const query of queries) {
      for (const concurrency of options.concurrency) {
        const line: string[] = [];
        for (const target of order) {
          const sample = { round, ...(await measure(target, { query, token, concurrency, requests: options.requests, warmup: options.warmup }, sources)) };
          samples.push(sample);
          between();
          line.push(`${target.name} ${((sample.requests * 1000) / sample.wallMs).toFixed(1)} req/s ${(sample.gatewayCpuMs / sample.requests).toFixed(2)} ms CPU/req`);
        }
        console.log(`round ${round}/${options.rounds} · ${query.name} · ${concurrency} in flight: ${line.join(' · ')}`);
      }
    }
  }
  return samples;
}
