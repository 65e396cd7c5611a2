import { postgresBackendsCpuMs, postgresCpuBetween, processCpuMs, processesCpuMs } from './cpu.ts';
import { loadAgent, sendRequests, WrongAnswer, type LoadRequest } from './load.ts';
import type { BenchQuery } from './queries.ts';

export const GATEWAYS = ['hub', 'bare', 'hive'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

/** A gateway under test: where to send, and which process to bill. */
export interface BenchTarget {
  name: GatewayName;
  url: string;
  pid: number;
}

/** What else works for a request, whose CPU is read around each run too. */
export interface CpuSources {
  subgraphPids: number[];
  databases: string[];
}

/** One measured run: one gateway, one query, one concurrency, `requests` requests. */
export interface Sample {
  round: number;
  query: string;
  concurrency: number;
  gateway: GatewayName;
  requests: number;
  wallMs: number;
  /** Each request's latency, ms, in completion order. */
  latencies: number[];
  /** CPU of the gateway's process (all threads) over the run, ms. */
  gatewayCpuMs: number;
  /** CPU of the PostgreSQL backends of the bench's databases over the run, ms. */
  postgresCpuMs: number;
  /** CPU of the five subgraph processes over the run, ms. */
  subgraphsCpuMs: number;
}

/** The request body and headers of a query, the same for every gateway. */
export function loadRequest(url: string, query: BenchQuery, token: string): LoadRequest {
  return {
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': query.purpose },
    body: JSON.stringify({ query: query.text, variables: query.variables }),
  };
}

/** One measured run's parameters: what to ask, as whom, how many at once, how often. */
export interface RunSpec {
  query: BenchQuery;
  token: string;
  concurrency: number;
  requests: number;
  warmup: number;
}

/**
 * Runs `warmup` unmeasured requests (never fewer than in flight, so that the measured part
 * opens no connection of its own), then `requests` measured ones, at `concurrency`, reading
 * the CPU counters just before and just after the measured part. A wrong answer throws,
 * naming the gateway, the query and the concurrency.
 */
export async function measure(target: BenchTarget, run: RunSpec, sources: CpuSources): Promise<Omit<Sample, 'round'>> {
  const { query, concurrency, requests } = run;
  const agent = loadAgent(concurrency);
  try {
    const request = loadRequest(target.url, query, run.token);
    await sendRequests(agent, request, query.root, Math.max(run.warmup, concurrency), concurrency);
    const gatewayBefore = cpuOf(target);
    const subgraphsBefore = processesCpuMs(sources.subgraphPids);
    const postgresBefore = postgresBackendsCpuMs(sources.databases);
    const { latencies, wallMs } = await sendRequests(agent, request, query.root, requests, concurrency);
    const gatewayCpuMs = cpuOf(target) - gatewayBefore;
    const subgraphsCpuMs = processesCpuMs(sources.subgraphPids) - subgraphsBefore;
    const postgresCpuMs = postgresCpuBetween(postgresBefore, postgresBackendsCpuMs(sources.databases));
    return { query: query.name, concurrency, gateway: target.name, requests, wallMs, latencies, gatewayCpuMs, postgresCpuMs, subgraphsCpuMs };
  } catch (error) {
    if (error instanceof WrongAnswer) throw new WrongAnswer(`${target.name} gateway, ${query.name}, ${concurrency} in flight: ${error.message}`);
    throw error;
  } finally {
    agent.destroy();
  }
}

function cpuOf(target: BenchTarget): number {
  const cpu = processCpuMs(target.pid);
  if (cpu === undefined) throw new Error(`the ${target.name} gateway (pid ${target.pid}) is gone`);
  return cpu;
}
