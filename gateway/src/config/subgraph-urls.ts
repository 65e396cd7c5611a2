import { env } from '@lbc/subgraph-kit';
import type { z } from 'zod';

/** Environment variable overriding one subgraph's URL, e.g. LBC_SUBGRAPH_URL_CIVIL_AFFAIRS. */
export function subgraphUrlVariable(name: string): string {
  return `LBC_SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The subgraph URLs the environment overrides (LBC_SUBGRAPH_URL_*), by subgraph name; a
 * variable naming no subgraph of the supergraph is a problem, pushed to `problems`.
 */
export function subgraphUrlOverrides(settings: Record<string, unknown>, supergraphSdl: string, problems: string[]): Record<string, string> {
  const urls: Record<string, string> = {};
  const byVariable = new Map([...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => [subgraphUrlVariable(m[1]!), m[1]!]));
  for (const [name, value] of Object.entries(settings)) {
    if (!name.startsWith('LBC_SUBGRAPH_URL_') || typeof value !== 'string') continue;
    const subgraph = byVariable.get(name);
    if (subgraph) urls[subgraph] = value;
    else problems.push(`${name}: the supergraph has no such subgraph`);
  }
  return urls;
}

/** Every subgraph's URL as composed into the supergraph (the local defaults), by name. */
export function composedSubgraphUrls(supergraphSdl: string): Record<string, string> {
  return Object.fromEntries([...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => [m[1]!, m[2]!]));
}

/** The schema of every LBC_SUBGRAPH_URL_* variable the environment sets: each must be an http(s) URL. */
export function subgraphUrlShape(environment: NodeJS.ProcessEnv): Record<string, z.ZodOptional<ReturnType<typeof env.httpUrl>>> {
  const shape: Record<string, z.ZodOptional<ReturnType<typeof env.httpUrl>>> = {};
  for (const name of Object.keys(environment)) if (name.startsWith('LBC_SUBGRAPH_URL_')) shape[name] = env.httpUrl().optional();
  return shape;
}
