import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../paths.ts';
import { benchPorts, graphqlUrl } from './ports.ts';

/** The committed supergraph, which all three gateways serve. */
export const SUPERGRAPH_FILE = join(ROOT, 'schema/supergraph.graphql');

/**
 * The committed supergraph with each subgraph's URL moved to where the bench runs it
 * (`--port-base`), for the bare and Hive gateways: both take their subgraph URLs from the
 * supergraph itself. The hub is given the same URLs through its LBC_SUBGRAPH_URL_* settings.
 */
export function benchSupergraphSdl(portBase: number): string {
  const ports = benchPorts(portBase);
  const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  let moves = 0;
  const moved = sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_whole, name: string) => {
    const port = name === 'audit' ? ports.audit : ports.subgraphs[name];
    if (port === undefined) throw new Error(`the supergraph names a subgraph "${name}" the bench does not run`);
    moves++;
    return `@join__graph(name: "${name}", url: "${graphqlUrl(port)}")`;
  });
  if (moves === 0) throw new Error(`${SUPERGRAPH_FILE} has no @join__graph URLs to move`);
  return moved;
}
