import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, DEV_PRINCIPALS, startDashboardServer, type RunningDashboard } from '../server/index.ts';

/** The dashboard server over real HTTP, in front of a real (small) HTTP server standing in for the gateway. */
let gateway: Server;
let gatewayUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let dist: string;
let production: RunningDashboard;
let development: RunningDashboard;
const minted: unknown[] = [];

beforeAll(async () => {
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(req.headers['x-lbc-purpose'] ? 200 : 400, { 'content-type': 'application/json', 'x-request-id': 'req-123', 'set-cookie': 'gateway=1' });
      res.end(JSON.stringify({ data: { echo: req.headers['x-lbc-purpose'] ?? null } }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;

  dist = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><script type="module" src="/assets/index-AbC123.js"></script></html>');
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  writeFileSync(join(dist, '.source-hash'), 'not served');

  production = await startDashboardServer({ port: 0, gatewayUrl, devTokens: false, distDir: dist });
  development = await startDashboardServer({
    port: 0,
    gatewayUrl,
    devTokens: true,
    distDir: dist,
    mintToken: async (principal) => {
      minted.push(principal);
      return `token-for-${principal.subject}`;
    },
  });
});

afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

const post = (base: string, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('static files', () => {
  it('serves the page under a strict CSP, never cached', async () => {
    const res = await fetch(`${production.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("default-src 'self'");
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('/assets/index-AbC123.js');
    expect((await fetch(`${production.url}/index.html`)).status).toBe(200);
  });

  it('serves hashed assets immutable, gzipped on request, with an ETag', async () => {
    const res = await fetch(`${production.url}/assets/index-AbC123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('xxxx');
    const again = await fetch(`${production.url}/assets/index-AbC123.js`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for anything else, and never serves a file outside the build', async () => {
    for (const path of ['/nope', '/assets/index-000000.js', '/.source-hash', '/../package.json', '/%2e%2e/server/main.ts', '/dev/principals']) {
      const res = await fetch(`${production.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy'), path).toBe(DASHBOARD_CSP);
    }
    expect((await post(production.url, '/', '{}')).status).toBe(404);
  });
});

describe('POST /graphql', () => {
  it('passes the body byte for byte with the authorization and x-lbc-* headers, and nothing else', async () => {
    received.length = 0;
    const body = '{"query":"{ region(code: \\"43\\") { name } }","variables":{}}';
    const res = await post(production.url, '/graphql', body, {
      authorization: 'Bearer abc.def.ghi',
      'x-lbc-purpose': 'STATISTICS',
      'x-lbc-case-id': 'PC-1',
      'x-lbc-authz': 'dry-run',
      cookie: 'session=secret',
      'x-forwarded-for': '10.0.0.1',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { echo: 'STATISTICS' } });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent!.body).toBe(body);
    expect(sent!.headers['authorization']).toBe('Bearer abc.def.ghi');
    expect(sent!.headers['x-lbc-purpose']).toBe('STATISTICS');
    expect(sent!.headers['x-lbc-case-id']).toBe('PC-1');
    expect(sent!.headers['x-lbc-authz']).toBe('dry-run');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['cookie']).toBeUndefined();
    expect(sent!.headers['x-forwarded-for']).toBeUndefined();
  });

  it("passes the gateway's refusals on with their status", async () => {
    const res = await post(production.url, '/graphql', '{"query":"{ x }"}');
    expect(res.status).toBe(400);
  });

  it('refuses a body that is not a JSON object with a clear 400, without calling the gateway', async () => {
    received.length = 0;
    for (const [body, message] of [
      ['{"query": ', /not valid JSON/],
      ['[1,2]', /must be a JSON object/],
      ['"text"', /must be a JSON object/],
      ['', /not valid JSON/],
    ] as const) {
      const res = await post(production.url, '/graphql', body);
      expect(res.status, body).toBe(400);
      const answer = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(answer.errors[0]!.extensions.code).toBe('BAD_REQUEST');
      expect(answer.errors[0]!.message).toMatch(message);
    }
    expect(received).toHaveLength(0);
  });

  it('refuses GET, and a body over 64 KiB before the gateway sees it', async () => {
    expect((await fetch(`${production.url}/graphql`)).status).toBe(405);
    const res = await post(production.url, '/graphql', JSON.stringify({ query: 'x'.repeat(70_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 502 when the gateway is down', async () => {
    const closed = await startDashboardServer({ port: 0, gatewayUrl: 'http://127.0.0.1:9/graphql', devTokens: false, distDir: dist });
    try {
      const res = await post(closed.url, '/graphql', '{"query":"{ x }"}');
      expect(res.status).toBe(502);
      expect(((await res.json()) as any).errors[0].message).toMatch(/gateway did not answer/);
    } finally {
      await closed.stop();
    }
  });
});

describe('development sign-in', () => {
  it('is not served unless devTokens is set', async () => {
    expect((await fetch(`${production.url}/dev/principals`)).status).toBe(404);
    expect((await post(production.url, '/dev/token', JSON.stringify({ principalId: 'county-civil-affairs' }))).status).toBe(404);
  });

  it('lists the development principals', async () => {
    const res = await fetch(`${development.url}/dev/principals`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { principals } = (await res.json()) as { principals: typeof DEV_PRINCIPALS };
    expect(principals).toEqual(DEV_PRINCIPALS);
    const levels = new Set(principals.map((p) => p.level));
    expect([...levels].sort()).toEqual(['city', 'county', 'province', 'town', 'village']);
    expect(principals.filter((p) => p.level === 'county' && p.agency !== 'audit').map((p) => p.agency)).toEqual([
      'civil_affairs',
      'education',
      'police',
      'health',
      'justice',
      'youth_league',
      'womens_federation',
    ]);
    expect(principals.some((p) => p.agency === 'audit')).toBe(true);
  });

  it('mints a token for a listed principal only', async () => {
    minted.length = 0;
    const res = await post(development.url, '/dev/token', JSON.stringify({ principalId: 'village-civil-affairs' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; principal: { region: string } };
    expect(body.token).toBe('token-for-dev-dashboard-village-civil-affairs');
    expect(body.principal.region).toBe('431003101001');
    expect(minted).toEqual([{ subject: 'dev-dashboard-village-civil-affairs', agency: 'civil_affairs', level: 'village', region: '431003101001', roles: ['officer'] }]);

    for (const body of [JSON.stringify({ principalId: 'root' }), JSON.stringify({ agency: 'police', level: 'province', region: '43' }), 'nope']) {
      const refused = await post(development.url, '/dev/token', body);
      expect(refused.status, body).toBe(400);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    expect(minted).toHaveLength(1);
  });
});
