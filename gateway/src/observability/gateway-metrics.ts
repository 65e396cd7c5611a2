import type { PoolStats } from '@lbc/subgraph-kit';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached plan's few milliseconds to the subgraph timeout. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's Prometheus metrics, in a registry of its own (tests start several
 * gateways in one process). Labels are bounded sets: outcome, catalogue code, stage,
 * subgraph — never a principal, a region or an operation name, which would make the
 * series grow with the callers.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'lbc_gateway_requests_total',
    help: 'GraphQL requests answered, by outcome and first error code',
    labelNames: ['outcome', 'code'],
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'lbc_gateway_request_duration_seconds',
    help: 'Time from request to answer',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly stageDuration = new Histogram({
    name: 'lbc_gateway_stage_duration_seconds',
    help: 'Time spent in each pipeline stage itself (stages after it excluded)',
    labelNames: ['stage'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly subgraphFetchDuration = new Histogram({
    name: 'lbc_gateway_subgraph_fetch_duration_seconds',
    help: 'Subgraph fetches, by subgraph and outcome (ok, error, unavailable)',
    labelNames: ['subgraph', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly auditCommitDuration = new Histogram({ name: 'lbc_audit_commit_duration_seconds', help: 'Audit log group commits', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly auditEntries = new Counter({ name: 'lbc_audit_entries_total', help: 'Audit entries committed', registers: [this.registry] });

  constructor(sources: { auditQueueDepth: () => number; pools: Record<string, (() => PoolStats) | undefined> }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lbc_gateway_' });
    new Gauge({
      name: 'lbc_audit_queue_depth',
      help: 'Audit entries waiting for their commit',
      registers: [this.registry],
      collect() {
        this.set(sources.auditQueueDepth());
      },
    });
    new Gauge({
      name: 'lbc_db_pool_connections',
      help: 'Database pool connections by state (PostgreSQL only)',
      labelNames: ['database', 'state'],
      registers: [this.registry],
      collect() {
        for (const [database, stats] of Object.entries(sources.pools)) {
          if (!stats) continue;
          const pool = stats();
          this.set({ database, state: 'total' }, pool.total);
          this.set({ database, state: 'idle' }, pool.idle);
          this.set({ database, state: 'waiting' }, pool.waiting);
        }
      },
    });
  }
}
