import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../paths.ts';
import type { BenchProcesses } from './bench-processes.ts';

/**
 * The Hive Gateway runtime the bench compares against, pinned: 2.12.1 declares Node >= 20.
 * It is no dependency of the hub (nothing of the product loads it): the bench installs it
 * on first use into a cache folder of its own, outside the workspace's lockfile.
 */
export const HIVE_RUNTIME = { name: '@graphql-hive/gateway-runtime', version: '2.12.1' } as const;
/**
 * The runtime loads its subgraph transport by name when it first plans a fetch, and does
 * not depend on it: the HTTP one is installed beside it, at the version that
 * @graphql-hive/gateway 2.15 (the CLI over runtime 2.12) ships with.
 */
const HIVE_PACKAGES = [HIVE_RUNTIME, { name: '@graphql-mesh/transport-http', version: '1.2.1' }] as const;
export const HIVE_DIR = join(ROOT, 'node_modules/.cache/lbc-bench-hive');

/** The runtime's ES module entry inside the cache folder. */
export const HIVE_ENTRY = join(HIVE_DIR, 'node_modules', HIVE_RUNTIME.name, 'dist/index.js');

/** Installs the pinned Hive packages with npm unless those exact versions are already in the cache folder. */
export async function ensureHiveRuntime(processes: BenchProcesses): Promise<void> {
  const installed = () => HIVE_PACKAGES.every((p) => installedVersion(p.name) === p.version) && existsSync(HIVE_ENTRY);
  if (installed()) return;
  const specs = HIVE_PACKAGES.map((p) => `${p.name}@${p.version}`);
  console.log(`hive: installing ${specs.join(' ')} into ${HIVE_DIR} (once)`);
  mkdirSync(HIVE_DIR, { recursive: true });
  await processes.runToEnd('npm install (Hive Gateway)', 'npm', ['install', '--prefix', HIVE_DIR, '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', ...specs]);
  if (!installed()) throw new Error(`npm did not install ${specs.join(' ')} into ${HIVE_DIR}`);
}

function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(HIVE_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
