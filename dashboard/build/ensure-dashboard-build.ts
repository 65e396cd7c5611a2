import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DASHBOARD = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(DASHBOARD, 'dist');
const STAMP = join(DIST, '.source-hash');

/** A hash of everything the build reads: the app's sources, its page, the build config and the dependency versions. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path.slice(DASHBOARD.length)).update(readFileSync(path));
  };
  for (const path of ['src', 'index.html', 'vite.config.ts', 'package.json']) add(join(DASHBOARD, path));
  return hash.digest('hex');
}

/**
 * Builds dashboard/dist with Vite's JS API unless it is already the build of the current
 * sources (a stamp in dist records their hash), so repeated starts and test runs cost nothing.
 * NODE_ENV is set to production for the build: under vitest it is "test", which would
 * give React's development build.
 */
export async function ensureDashboardBuild(): Promise<{ dist: string; built: boolean }> {
  const hash = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return { dist: DIST, built: false };
  const { build } = await import('vite');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(DASHBOARD, 'vite.config.ts'), mode: 'production', logLevel: 'error' });
  } finally {
    process.env.NODE_ENV = previous;
  }
  writeFileSync(STAMP, hash);
  return { dist: DIST, built: true };
}
