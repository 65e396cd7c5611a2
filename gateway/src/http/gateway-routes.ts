import { formattedError, hubError, type ErrorCode } from '@lbc/schema';
import { sendJson, serveProbes, type Logger, type ReadinessCheck } from '@lbc/subgraph-kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { GatewayResponse } from '../pipeline/stage.ts';

/** What the gateway's HTTP front serves besides GraphQL. */
export interface GatewayRoutes {
  /** POST /graphql (and /): one GraphQL request through the pipeline. */
  graphql(req: IncomingMessage): Promise<GatewayResponse>;
  readiness: Record<string, ReadinessCheck>;
  /** Where a failed readiness check is reported. */
  log: Logger;
  metrics: Registry;
  /** Development only: the local GraphiQL (GET /graphiql and its assets); answers true when it served the request. */
  ide?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/**
 * The routes: GraphQL on POST /graphql (and /), /healthz (the process is up), /readyz
 * (its databases and subgraphs answer), /metrics (Prometheus), and in development the
 * local GraphiQL. Probes and metrics need no token and leave no audit entry: they read
 * no one's data. Anything else is a JSON 404/405 — no landing page in production.
 */
export function gatewayHandler(routes: GatewayRoutes) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && (path === '/graphql' || path === '/')) {
      const response = await routes.graphql(req);
      // An oversize body was left unread: close the connection rather than drain it.
      if (response.body.errors?.[0]?.extensions?.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
      sendJson(res, response.status, response.body, response.headers);
      return;
    }
    if (await serveProbes(req, res, routes.readiness, routes.log)) return;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/metrics') {
        const text = await routes.metrics.metrics();
        res.writeHead(200, { 'content-type': routes.metrics.contentType, 'cache-control': 'no-store' });
        res.end(text);
        return;
      }
      if (routes.ide) {
        if (await routes.ide(req, res)) return;
        if (path === '/' || path === '/graphql') {
          res.writeHead(302, { location: '/graphiql' });
          res.end();
          return;
        }
      }
      return sendJson(res, 404, errorBody('NOT_FOUND', 'nothing is served here; send GraphQL requests as POST /graphql'));
    }
    return sendJson(res, 405, errorBody('BAD_REQUEST', 'send GraphQL requests as POST /graphql with a JSON body'), { allow: 'GET, POST' });
  };
}

/** A GraphQL-shaped error body for answers outside the pipeline. */
function errorBody(code: ErrorCode, message: string) {
  return { errors: [formattedError(hubError(code, message))] };
}
