import { HeaderMap } from '@apollo/server';
import { codeOf, formattedError, notFound, statusOf, type InternalVerifier } from '@lbc/schema';
import type { GraphQLError } from 'graphql';
import type { Kysely } from 'kysely';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody } from '../http/read-json-body.ts';
import { databaseCheck, serveProbes } from '../http/readiness.ts';
import { sendJson } from '../http/send-json.ts';
import { startHttpServer } from '../http/start-http-server.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { authenticateRequest } from './authenticate-request.ts';
import { createContext, createSubgraphServer } from './create-subgraph-server.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';

export interface StartSubgraphOptions<DB> {
  db: Kysely<DB>;
  verify: InternalVerifier;
  /** 0 (the default) picks a free port: tests run services side by side. */
  port?: number;
  host?: string;
  log?: Logger;
}

export interface RunningSubgraph {
  name: string;
  /** Where GraphQL is served (POST). /healthz and /readyz live at the same origin. */
  url: string;
  stop(): Promise<void>;
}

/** The gateway batches entity references for whole pages: bodies are larger than a caller's, but bounded. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Serves a subgraph over HTTP, on the kit's plain HTTP front: POST /graphql (every
 * request must carry a valid gateway token), GET /healthz (the process is up) and
 * GET /readyz (its database answers). Malformed bodies get typed JSON errors.
 */
export async function startSubgraph<DB, L>(definition: SubgraphDefinition<DB, L>, options: StartSubgraphOptions<DB>): Promise<RunningSubgraph> {
  const log = options.log ?? createLogger(definition.name);
  const server = createSubgraphServer(definition);
  await server.start();
  const stopMaintenance = await definition.maintain?.(options.db, log);

  const graphql = async (req: IncomingMessage, res: ServerResponse) => {
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (error) {
      // readJsonBody throws catalogue errors only (400, 413).
      const refusal = error as GraphQLError;
      return sendJson(res, statusOf(codeOf(refusal)), { errors: [formattedError(refusal)] });
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      context: async () => createContext(definition, options.db, await authenticateRequest(req, options.verify)),
    });
    const out: Record<string, string> = {};
    for (const [name, value] of response.headers) out[name] = value;
    res.writeHead(response.status ?? 200, out);
    if (response.body.kind === 'complete') res.end(response.body.string);
    else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  // Ready when its database answers: the gateway's /readyz asks every subgraph this.
  const readiness = { database: databaseCheck(options.db as Kysely<unknown>) };
  const http = await startHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    log,
    handle: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST' && (path === '/graphql' || path === '/')) return graphql(req, res);
      if (await serveProbes(req, res, readiness, log)) return;
      return sendJson(res, 404, { errors: [formattedError(notFound('send GraphQL requests as POST /graphql'))] });
    },
  });
  return {
    name: definition.name,
    url: `${http.origin}/graphql`,
    stop: async () => {
      stopMaintenance?.();
      await http.stop();
      await server.stop();
    },
  };
}
