import { writeFileSync } from 'node:fs';
import { percentile } from '../percentile.ts';
import { GATEWAYS, type GatewayName, type Sample } from './measure.ts';

/** One gateway's figures for one query at one concurrency, all rounds together. */
export interface Summary {
  query: string;
  concurrency: number;
  gateway: GatewayName;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Gateway process CPU per request, ms: over all rounds, and the lowest and highest round. */
  gatewayCpuMsPerRequest: number;
  gatewayCpuMsPerRequestRange: [number, number];
  postgresCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
}

/** Sums the rounds of each (query, concurrency, gateway), in the order the samples first name them. */
export function summarize(samples: readonly Sample[]): Summary[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = `${sample.query}\0${sample.concurrency}\0${sample.gateway}`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  const summaries = [...groups.values()].map((group): Summary => {
    const { query, concurrency, gateway } = group[0]!;
    const requests = sum(group, (s) => s.requests);
    const latencies = group.flatMap((s) => s.latencies).sort((a, b) => a - b);
    const perRound = group.map((s) => s.gatewayCpuMs / s.requests);
    return {
      query,
      concurrency,
      gateway,
      requests,
      requestsPerSecond: (requests * 1000) / sum(group, (s) => s.wallMs),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      gatewayCpuMsPerRequest: sum(group, (s) => s.gatewayCpuMs) / requests,
      gatewayCpuMsPerRequestRange: [Math.min(...perRound), Math.max(...perRound)],
      postgresCpuMsPerRequest: sum(group, (s) => s.postgresCpuMs) / requests,
      subgraphsCpuMsPerRequest: sum(group, (s) => s.subgraphsCpuMs) / requests,
    };
  });
  // Gateways in a fixed order within each query and concurrency, whichever ran first.
  return summaries.sort((a, b) => order(a) - order(b) || GATEWAYS.indexOf(a.gateway) - GATEWAYS.indexOf(b.gateway));
  function order(s: Summary): number {
    return summaries.findIndex((t) => t.query === s.query && t.concurrency === s.concurrency);
  }
}

/** The figures as two plain-text tables: per gateway, then the ratios to the bare gateway. */
export function formatReport(summaries: readonly Summary[]): string {
  const rows = summaries.map((s) => [
    s.query,
    String(s.concurrency),
    s.gateway,
    s.requestsPerSecond.toFixed(1),
    s.p50Ms.toFixed(1),
    s.p95Ms.toFixed(1),
    s.p99Ms.toFixed(1),
    `${s.gatewayCpuMsPerRequest.toFixed(2)} (${s.gatewayCpuMsPerRequestRange[0].toFixed(2)}–${s.gatewayCpuMsPerRequestRange[1].toFixed(2)})`,
    s.postgresCpuMsPerRequest.toFixed(2),
    s.subgraphsCpuMsPerRequest.toFixed(2),
  ]);
  const figures = table(['query', 'in flight', 'gateway', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'gateway CPU ms/req (rounds)', 'postgres ms/req', 'subgraphs ms/req'], rows);
  const ratios: string[][] = [];
  for (const bare of summaries.filter((s) => s.gateway === 'bare')) {
    const of = (gateway: GatewayName) => summaries.find((s) => s.gateway === gateway && s.query === bare.query && s.concurrency === bare.concurrency);
    const hub = of('hub');
    const hive = of('hive');
    const ratio = (a: number | undefined, b: number) => (a === undefined ? '–' : `${(a / b).toFixed(2)}×`);
    ratios.push([
      bare.query,
      String(bare.concurrency),
      ratio(hub?.gatewayCpuMsPerRequest, bare.gatewayCpuMsPerRequest),
      ratio(hive?.gatewayCpuMsPerRequest, bare.gatewayCpuMsPerRequest),
      ratio(hub?.requestsPerSecond, bare.requestsPerSecond),
      ratio(hive?.requestsPerSecond, bare.requestsPerSecond),
    ]);
  }
  return `${figures}\n\n${table(['query', 'in flight', 'CPU/req hub/bare', 'CPU/req hive/bare', 'req/s hub/bare', 'req/s hive/bare'], ratios)}`;
}

/** Writes the run's raw figures, every measured run with its latencies, and the summaries, as JSON. */
export function writeJsonReport(file: string, run: Record<string, unknown>, samples: readonly Sample[], summaries: readonly Summary[]): void {
  const rounded = samples.map((s) => ({ ...s, latencies: s.latencies.map((ms) => Math.round(ms * 100) / 100) }));
  writeFileSync(file, `${JSON.stringify({ ...run, summaries, samples: rounded }, null, 2)}\n`);
}

/** Columns padded to their widest cell; text left, numbers right. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = (cell: string) => /^[\d.–×() -]+$/.test(cell);
  const line = (cells: string[]) => cells.map((c, i) => (numeric(c) && i > 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n').replace(/ +$/gm, '');
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
