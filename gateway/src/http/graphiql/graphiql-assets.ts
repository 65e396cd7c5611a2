import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { GRAPHIQL_BOOT_SCRIPT, GRAPHIQL_PAGE_STYLE } from './graphiql-boot-script.ts';

/** One file the GraphiQL page loads, held in memory under a content-hashed name. */
export interface GraphiqlAsset {
  /** `<stem>-<hash>.<ext>`: the hash lets the browser cache it forever. */
  name: string;
  contentType: string;
  body: Buffer;
  /** The same bytes gzipped once, for browsers that accept it. */
  gzip: Buffer;
  etag: string;
}

/** The page's assets, by role, in the order the page loads the scripts. */
export interface GraphiqlAssets {
  react: GraphiqlAsset;
  reactDom: GraphiqlAsset;
  graphiql: GraphiqlAsset;
  boot: GraphiqlAsset;
  style: GraphiqlAsset;
  byName: ReadonlyMap<string, GraphiqlAsset>;
}

const require = createRequire(import.meta.url);

// Prebuilt browser bundles straight from node_modules: GraphiQL 4's UMD build carries
// everything but React (CodeMirror, its fonts inlined as data: URLs), and React 18 is the
// last React with UMD builds. Nothing is built at start and nothing comes from a CDN.
const SOURCES = {
  react: { package: 'react', file: 'umd/react.production.min.js', stem: 'react' },
  reactDom: { package: 'react-dom', file: 'umd/react-dom.production.min.js', stem: 'react-dom' },
  graphiql: { package: 'graphiql', file: 'dist/index.umd.js', stem: 'graphiql' },
  style: { package: 'graphiql', file: 'dist/style.css', stem: 'graphiql' },
} as const;

let loading: Promise<GraphiqlAssets> | undefined;

/**
 * Reads GraphiQL and React from node_modules once per process (a few MB kept in memory)
 * and names each file by its content hash. Memoized: the files do not change while the
 * process runs; a failed read is retried on the next call.
 */
export function loadGraphiqlAssets(): Promise<GraphiqlAssets> {
  loading ??= readAssets().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readAssets(): Promise<GraphiqlAssets> {
  const [react, reactDom, graphiql, style] = await Promise.all(
    Object.values(SOURCES).map((source) => readFile(join(dirname(require.resolve(`${source.package}/package.json`)), source.file), 'utf8').then(withoutSourceMap)),
  );
  const assets = {
    react: asset(SOURCES.react.stem, 'js', react!),
    reactDom: asset(SOURCES.reactDom.stem, 'js', reactDom!),
    graphiql: asset(SOURCES.graphiql.stem, 'js', graphiql!),
    boot: asset('graphiql-boot', 'js', GRAPHIQL_BOOT_SCRIPT),
    // The page's own few rules ride along, so the page needs no inline <style>.
    style: asset(SOURCES.style.stem, 'css', style! + GRAPHIQL_PAGE_STYLE),
  };
  return { ...assets, byName: new Map(Object.values(assets).map((a) => [a.name, a])) };
}

/** Drops `sourceMappingURL` comments: the maps are not served, so devtools would only ask for files that 404. */
function withoutSourceMap(text: string): string {
  return text.replace(/\n?\/[/*][#@] sourceMappingURL=[^\n]*\s*$/, '\n');
}

function asset(stem: string, extension: 'js' | 'css', text: string): GraphiqlAsset {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return {
    name: `${stem}-${hash}.${extension}`,
    contentType: extension === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
    body,
    gzip: gzipSync(body),
    etag: `"${hash}"`,
  };
}
