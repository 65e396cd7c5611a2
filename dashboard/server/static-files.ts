import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './content-security-policy.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  gzipped: Buffer | null;
  type: string;
  etag: string;
  immutable: boolean;
}

/**
 * The Vite build, read once into memory (a few hundred kB). `/` is index.html, never
 * cached, so a new build is picked up at once; `/assets/*` are content-hashed by Vite, so
 * they are cached for a year. Nothing outside `distDir` can be named: only the files
 * found at start are served. Routing in the app is by URL hash, so no fallback is needed.
 */
export function loadStaticFiles(distDir: string): Map<string, StaticFile> {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`no dashboard build in ${distDir}: run \`pnpm dashboard:build\``);
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const url = '/' + relative(distDir, path).split(sep).join('/');
        const type = TYPES[extname(name)];
        if (!type || name.startsWith('.')) continue;
        const body = readFileSync(path);
        const compressible = /text|json|svg/.test(type) && body.length > 1024;
        files.set(url, {
          body,
          gzipped: compressible ? gzipSync(body) : null,
          type,
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
          immutable: url.startsWith('/assets/'),
        });
      }
    }
  };
  walk(distDir);
  files.set('/', files.get('/index.html')!);
  return files;
}

/** Serves GET/HEAD of a file loaded by loadStaticFiles; false when there is none at that path. */
export function serveStatic(files: Map<string, StaticFile>, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  const file = files.get(pathname);
  if (!file) return false;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': file.type,
    etag: file.etag,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? file.gzipped! : file.body;
  res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
