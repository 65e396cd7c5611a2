import { startStandaloneServer } from '@apollo/server/standalone';
import type { InternalVerifier } from '@lbc/schema';
import type { Kysely } from 'kysely';
import { authenticateRequest } from './authenticate-request.ts';
import { createContext, createSubgraphServer } from './create-subgraph-server.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';

export interface StartSubgraphOptions<DB> {
  db: Kysely<DB>;
  verify: InternalVerifier;
  /** 0 (the default) picks a free port: tests run services side by side. */
  port?: number;
  host?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Serves a subgraph over HTTP; every request must carry a valid gateway token. */
export async function startSubgraph<DB, L>(definition: SubgraphDefinition<DB, L>, options: StartSubgraphOptions<DB>): Promise<RunningSubgraph> {
  const server = createSubgraphServer(definition);
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    context: async ({ req }) => {
      return createContext(definition, options.db, await authenticateRequest(req, options.verify));
    },
  });
  return { name: definition.name, url, stop: () => server.stop() };
}
