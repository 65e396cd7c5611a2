import { EXCHANGE_SDL } from '@lbc/subgraph-kit';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The subgraphs composed into the supergraph, with their default local ports: the four
 * agency subgraphs, the hub's hand-offs (a service of its own, like an agency's), then the
 * hub's audit subgraph, which the gateway process serves itself over the hub database.
 */
export const SUBGRAPHS = [
  { name: 'civil-affairs', port: 4001 },
  { name: 'education-enrollment', port: 4002 },
  { name: 'police-household', port: 4003 },
  { name: 'health', port: 4004 },
  { name: 'handoffs', port: 4005 },
  { name: 'audit', port: 4006 },
] as const;

/** The services: a process and a database each, seeded with the demo world (the agencies and the hand-offs). */
export const AGENCY_SUBGRAPHS = SUBGRAPHS.filter((s): s is Exclude<(typeof SUBGRAPHS)[number], { name: 'audit' }> => s.name !== 'audit');

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function schemaPath(name: string): string {
  return fileURLToPath(new URL(`../../../subgraphs/${name}/src/schema.graphql`, import.meta.url));
}

/** A subgraph's SDL as it serves it: its schema.graphql and, for the agencies, the exchange's internal fields (the kit's). */
export function readSubgraphSdl(name: string): string {
  const own = readFileSync(schemaPath(name), 'utf8');
  return name === 'audit' ? own : `${own}\n${EXCHANGE_SDL}`;
}

export function defaultSubgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}
