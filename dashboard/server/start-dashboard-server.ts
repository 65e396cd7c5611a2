import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { createDevTokenRoutes, type MintToken } from './dev-tokens.ts';
import { createGraphqlProxy } from './graphql-proxy.ts';
import { sendError, sendNotFound } from './http-answers.ts';
import { loadStaticFiles, serveStatic } from './static-files.ts';

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

export interface DashboardServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  gatewayUrl: string;
  /** DEVELOPMENT ONLY: serve /dev/principals and /dev/token. Never in production. */
  devTokens: boolean;
  /** How dev tokens are signed; default: the repository's development issuer key (`pnpm start` trusts it). */
  mintToken?: MintToken;
  /** The Vite build to serve (default dashboard/dist). */
  distDir?: string;
  log?: Logger;
}

export interface RunningDashboard {
  url: string;
  stop(): Promise<void>;
}

/**
 * The dashboard's HTTP server (plain node:http): the built single-page app under a strict
 * CSP, POST /graphql passed to the gateway, and — only with `devTokens` — the development
 * sign-in endpoints. Listens on 127.0.0.1 unless told otherwise.
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<RunningDashboard> {
  const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'), base: { service: 'dashboard' } });
  const files = loadStaticFiles(options.distDir ?? DEFAULT_DIST_DIR);
  const proxy = createGraphqlProxy({ gatewayUrl: options.gatewayUrl, log });
  const dev = options.devTokens ? createDevTokenRoutes(options.mintToken ?? (await developmentIssuer()), log) : null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://dashboard.invalid');
    if (pathname === '/graphql') {
      if (req.method !== 'POST') return sendError(res, 'BAD_REQUEST', 'GraphQL is served by POST only', 405);
      return proxy(req, res);
    }
    if (dev && pathname === '/dev/principals' && req.method === 'GET') return dev.principals(req, res);
    if (dev && pathname === '/dev/token' && req.method === 'POST') return dev.token(req, res);
    if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(files, req, res, pathname)) return;
    sendNotFound(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 'INTERNAL_SERVER_ERROR', 'the dashboard server failed; see its log');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  log.info({ url, devTokens: options.devTokens }, 'dashboard listening');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The development issuer of `pnpm start` (keys created once per machine under .data/). */
async function developmentIssuer(): Promise<MintToken> {
  const { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE, ensureDevKeys, readJwk } = await import('@lbc/scripts/keys/dev-keys');
  const { mintToken } = await import('@lbc/scripts/keys/mint-token');
  await ensureDevKeys();
  const key = readJwk(DEV_KEY_FILES.issuerPrivate);
  return (principal) => mintToken(key, { ...principal, issuer: DEV_ISSUER, audience: HUB_AUDIENCE, expiresIn: '8h' });
}
