import { buildSchema, graphql } from 'graphql';
import { createServer, get, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../../test/harness/chromium.ts';
import { createGraphiqlHandler, GRAPHIQL_CSP } from '../src/http/graphiql/index.ts';

const DEFAULT_HEADERS = { 'x-lbc-purpose': 'CASE_MANAGEMENT', authorization: 'Bearer <paste a token from pnpm token>' };

// A real GraphQL endpoint behind the page: `purpose` echoes the header GraphiQL sent, so
// the test sees that the pre-filled headers editor reaches the server.
const schema = buildSchema('type Query { "Greets the caller." hello: String! purpose: String }');
const graphqlRequests: IncomingHttpHeaders[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  const graphiql = createGraphiqlHandler({ graphqlPath: '/graphql', defaultHeaders: DEFAULT_HEADERS });
  // A test server's own failure answers 500 (and fails the test), never an unhandled rejection.
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (await graphiql(req, res)) return;
    if (req.method === 'POST' && req.url === '/graphql') {
      graphqlRequests.push(req.headers);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const purpose = req.headers['x-lbc-purpose'];
      const result = await graphql({ schema, source: query, variableValues: variables, operationName, rootValue: { hello: 'world', purpose } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function pageAssets(): Promise<string[]> {
  const html = await (await fetch(`${origin}/graphiql`)).text();
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => u !== 'data:,');
}

describe('GraphiQL over HTTP', () => {
  it('serves the page with a strict policy, never cached, loading nothing from another origin', async () => {
    const res = await fetch(`${origin}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
    expect(GRAPHIQL_CSP).toContain("default-src 'none'");
    expect(GRAPHIQL_CSP).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    // Settings travel as data; a header value cannot close the block and inject markup.
    expect(html).toContain('\\u003cpaste a token from pnpm token\\u003e');
    const assets = await pageAssets();
    expect(assets).toHaveLength(5);
    for (const url of assets) expect(url).toMatch(/^\/graphiql\/assets\/[a-z-]+-[0-9a-f]{16}\.(js|css)$/);
  });

  it('serves each asset hashed, immutable, gzipped on request, without source-map or remote references', async () => {
    for (const url of await pageAssets()) {
      const plain = await fetch(`${origin}${url}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
      expect(plain.headers.get('content-encoding')).toBeNull();
      const text = await plain.text();
      expect(text).not.toMatch(/sourceMappingURL/);
      expect(text).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
      expect(text).not.toMatch(/@import/);

      // node's fetch would gunzip transparently; read the raw bytes to see the encoding.
      const gz = await rawGet(url, { 'accept-encoding': 'gzip, deflate' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString('utf8')).toBe(text);

      const etag = plain.headers.get('etag')!;
      const again = await fetch(`${origin}${url}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  });

  it('leaves everything else to the caller', async () => {
    expect((await fetch(`${origin}/graphiql/assets/graphiql-0000000000000000.js`)).status).toBe(404);
    expect((await fetch(`${origin}/graphiql`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${origin}/graphiqlx`)).status).toBe(404);
    expect((await fetch(`${origin}/`)).status).toBe(404);
  });

  it('refuses an endpoint on another origin at construction', () => {
    for (const graphqlPath of ['http://evil.example/graphql', '//evil.example/graphql', '/\\evil.example', 'graphql', '/graphql"><script>']) {
      expect(() => createGraphiqlHandler({ graphqlPath }), graphqlPath).toThrow(/same origin/);
    }
  });
});

describe('GraphiQL in a real browser', () => {
  it.skipIf(!hasChromium)(`renders offline and runs a query against the same origin${hasChromium ? '' : ' (skipped: /usr/bin/chromium is absent; CI installs it)'}`, async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const foreign: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        foreign.push(url);
        return route.abort('blockedbyclient');
      });
      // Chromium reports each CSP refusal to the page; collect them before any script runs.
      await context.addInitScript('window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));');
      const page = await context.newPage();
      const pageErrors: string[] = [];
      const consoleErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });

      await page.goto(`${origin}/graphiql`);
      const queryEditor = page.locator('.graphiql-query-editor .CodeMirror');
      await queryEditor.waitFor({ state: 'visible' });
      expect(await page.locator('.graphiql-container').isVisible()).toBe(true);
      // The headers editor is open and pre-filled from the handler's options.
      const headersEditor = page.locator('.graphiql-editor-tool .CodeMirror').last();
      await headersEditor.waitFor({ state: 'visible' });
      expect(await headersEditor.innerText()).toContain('x-lbc-purpose');

      await queryEditor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText('{ hello purpose }');
      await page.keyboard.press('ControlOrMeta+Enter');
      const response = page.locator('.graphiql-response');
      await response.getByText('CASE_MANAGEMENT').waitFor({ state: 'visible' });
      const shown = await response.innerText();
      expect(shown).toContain('"hello": "world"');
      expect(shown).toContain('"purpose": "CASE_MANAGEMENT"');
      // The operation went to the same-origin endpoint with the headers editor's content.
      const sent = graphqlRequests.at(-1)!;
      expect(sent['authorization']).toBe(DEFAULT_HEADERS.authorization);
      expect(sent['content-type']).toBe('application/json');

      await page.screenshot({ path: '/tmp/graphiql.png' });

      // The schema came from the same endpoint (introspection), and the dialogs open
      // under the policy: the settings dialog is the one part that injects a <style>.
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
      await page.getByText('Greets the caller.').waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Open settings dialog' }).click();
      await page.getByRole('dialog').getByText('Theme').waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      expect(foreign, 'requests to other origins').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
      // Chromium's console message for a refused inline style names the hash to allow.
      expect(consoleErrors, 'console errors').toEqual([]);
      expect(await page.evaluate('window.__violations'), 'Content-Security-Policy violations').toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

function rawGet(path: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = get({ host: url.hostname, port: url.port, path: url.pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
