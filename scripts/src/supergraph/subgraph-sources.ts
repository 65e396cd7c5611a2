import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The four agency subgraphs, in the order the supergraph lists them, with their default local ports. */
export const SUBGRAPHS = [
  { name: 'civil-affairs', port: 4001 },
  { name: 'education-enrollment', port: 4002 },
  { name: 'police-household', port: 4003 },
  { name: 'health', port: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function schemaPath(name: string): string {
  return fileURLToPath(new URL(`../../../subgraphs/${name}/src/schema.graphql`, import.meta.url));
}

export function readSubgraphSdl(name: string): string {
  return readFileSync(schemaPath(name), 'utf8');
}

export function defaultSubgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}
