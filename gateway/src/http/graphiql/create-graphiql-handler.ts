import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadGraphiqlAssets, type GraphiqlAsset } from './graphiql-assets.ts';
import { renderGraphiqlPage } from './graphiql-page.ts';
import { GRAPHIQL_SECURITY_HEADERS } from './graphiql-security-headers.ts';

/** Where the page lives; its assets live under `${GRAPHIQL_PATH}/assets/`. */
export const GRAPHIQL_PATH = '/graphiql';
const ASSETS_PATH = `${GRAPHIQL_PATH}/assets`;

export interface GraphiqlOptions {
  /** Path of the GraphQL endpoint on the same origin, e.g. `/graphql` (an absolute URL is refused: the page talks to its own origin only). */
  graphqlPath: string;
  /** Pre-filled in GraphiQL's headers editor (never persisted by the browser). */
  defaultHeaders?: Record<string, string>;
}

/** A request handler that answers true when it has answered the request, false when the request is not GraphiQL's. */
export type GraphiqlHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * GraphiQL served entirely from this process, for development: GET `/graphiql` is the
 * page, GET `/graphiql/assets/<hashed file>` its scripts and stylesheet, read from
 * node_modules on first use and kept in memory. Nothing is fetched from the internet, so
 * it works on networks without one. Every other request (other paths, other methods,
 * unknown asset names) gets false and is left to the caller. Mount it only in development.
 */
export function createGraphiqlHandler(options: GraphiqlOptions): GraphiqlHandler {
  const graphqlPath = sameOriginPath(options.graphqlPath);
  const defaultHeaders = options.defaultHeaders && Object.keys(options.defaultHeaders).length > 0 ? JSON.stringify(options.defaultHeaders, null, 2) : undefined;
  let page: Buffer | undefined;

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
    if (path !== GRAPHIQL_PATH && path !== `${GRAPHIQL_PATH}/` && !path.startsWith(`${ASSETS_PATH}/`)) return false;
    const assets = await loadGraphiqlAssets();
    if (path === GRAPHIQL_PATH || path === `${GRAPHIQL_PATH}/`) {
      page ??= Buffer.from(renderGraphiqlPage(ASSETS_PATH, assets, { graphqlPath, defaultHeaders }), 'utf8');
      // The page names the current asset hashes: never keep a copy of it.
      res.writeHead(200, { ...GRAPHIQL_SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : page);
      return true;
    }
    const asset = assets.byName.get(path.slice(ASSETS_PATH.length + 1));
    if (!asset) return false;
    sendAsset(req, res, asset);
    return true;
  };
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: GraphiqlAsset): void {
  // The name holds the content hash, so a cached copy is never stale.
  const headers = { ...GRAPHIQL_SECURITY_HEADERS, 'cache-control': 'public, max-age=31536000, immutable', etag: asset.etag, vary: 'accept-encoding' };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = acceptsGzip(req.headers['accept-encoding']) ? asset.gzip : asset.body;
  res.writeHead(200, { ...headers, 'content-type': asset.contentType, 'content-length': body.length, ...(body === asset.gzip ? { 'content-encoding': 'gzip' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** The endpoint path, checked at start: a path on this origin, not a URL or a protocol-relative `//host`. */
function sameOriginPath(path: string): string {
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~/%]*$/.test(path)) throw new TypeError(`graphqlPath must be a path on the same origin, like /graphql (got ${JSON.stringify(path)})`);
  return path;
}
