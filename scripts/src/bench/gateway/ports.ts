import { SERVICES } from '../../services.ts';

/** Where each process of the bench listens, all on 127.0.0.1. */
export interface BenchPorts {
  hub: number;
  /** Service name → port, in the order `pnpm start` assigns them (base+1 …). */
  subgraphs: Record<string, number>;
  /**
   * The audit subgraph's slot. The hub serves that subgraph inside its own process; the
   * bare and Hive gateways are pointed here, where nothing listens, since no bench query
   * reaches the audit log.
   */
  audit: number;
  bare: number;
  hive: number;
}

/** The hub as `pnpm start` lays it out on `base` (gateway, then the five services), then the two other gateways above it. */
export function benchPorts(base: number): BenchPorts {
  return {
    hub: base,
    subgraphs: Object.fromEntries(SERVICES.map((service, i) => [service.name, base + i + 1])),
    audit: base + SERVICES.length + 1,
    bare: base + SERVICES.length + 2,
    hive: base + SERVICES.length + 3,
  };
}

export function graphqlUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}
