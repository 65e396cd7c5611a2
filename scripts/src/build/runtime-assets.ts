import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APP_DIR, NODE_MODULES_DIR } from './dist-layout.ts';
import { packageName } from './workspace-plugin.ts';

/**
 * The files the services read at run time, relative to the repository root: the composed
 * supergraph (gateway, exchange, documents-register), each subgraph's schema beside its
 * index.ts, and, when built, the dashboard's static files. They are copied under
 * `<out>/app/` in the same layout, where the bundles' rewritten `import.meta.url` finds them.
 */
export function runtimeAssets(root: string, options: { dashboard: boolean }): string[] {
  const subgraphSchemas = readdirSync(join(root, 'subgraphs'))
    .map((name) => `subgraphs/${name}/src/schema.graphql`)
    .filter((path) => existsSync(join(root, path)));
  return ['schema/supergraph.graphql', ...subgraphSchemas, ...(options.dashboard ? ['dashboard/dist'] : [])];
}

/** Copies the runtime assets into `<out>/app/`; a missing one stops the build, naming it. */
export function copyRuntimeAssets(root: string, out: string, assets: readonly string[]): void {
  for (const asset of assets) {
    const from = join(root, asset);
    if (!existsSync(from)) throw new Error(`runtime asset ${asset} does not exist`);
    cpSync(from, join(out, APP_DIR, asset), { recursive: true, filter: (path) => !path.endsWith('.source-hash') });
  }
}

/**
 * Files of workspace packages that sources resolve by package name at run time
 * (`@lbc/schema/supergraph.graphql`): each package gets a folder under `<out>/node_modules`
 * that exports exactly those files, so the resolution works as it does in the repository.
 */
export function installWorkspaceFiles(out: string, files: ReadonlyMap<string, string>): void {
  const byPackage = new Map<string, [string, string][]>();
  for (const [specifier, file] of files) {
    const name = packageName(specifier);
    byPackage.set(name, [...(byPackage.get(name) ?? []), [`.${specifier.slice(name.length)}`, file]]);
  }
  for (const [name, entries] of byPackage) {
    const dir = join(out, NODE_MODULES_DIR, name);
    mkdirSync(dir, { recursive: true });
    for (const [subpath, file] of entries) {
      mkdirSync(dirname(join(dir, subpath)), { recursive: true });
      cpSync(file, join(dir, subpath));
    }
    const exports = Object.fromEntries(entries.map(([subpath]) => [subpath, subpath]));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, exports }, null, 2) + '\n');
  }
}
