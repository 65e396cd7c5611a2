import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUILD_MANIFEST, NODE_MODULES_DIR } from './dist-layout.ts';
import { ENTRY_POINTS } from './entry-points.ts';
import { installPackageClosure } from './package-closure.ts';
import { copyRuntimeAssets, installWorkspaceFiles, runtimeAssets } from './runtime-assets.ts';
import { workspacePlugin, type WorkspaceBundleReport } from './workspace-plugin.ts';

export interface BuildOptions {
  /** The repository root. */
  root: string;
  /** Where the build goes (replaced whole); default `<root>/dist`. */
  out?: string;
  /** Build the dashboard's static files (Vite) and ship them; default true. */
  dashboard?: boolean;
}

/** What `dist/build-manifest.json` records. */
export interface BuildManifest {
  entries: { name: string; file: string; source: string; purpose: string }[];
  /** The packages the bundles import, with their versions; `packagesShipped` counts them with their dependencies. */
  packages: Record<string, string>;
  packagesShipped: number;
  assets: string[];
  /** Workspace sources whose `import.meta.url` was rewritten to their place under app/. */
  selfLocating: string[];
  dashboard: boolean;
}

/**
 * The production build: every entry bundled by esbuild into one ES module under `out`
 * (workspace packages compiled in, other packages left to `out/node_modules`), the packages
 * they import copied with their dependencies, and the files they read at run time. Each
 * entry then runs with plain `node <out>/<name>.js`: no TypeScript, no tsx, no pnpm.
 * Built into a sibling folder first, so `out` is never half-written.
 */
export async function buildProduction(options: BuildOptions): Promise<BuildManifest> {
  const root = resolve(options.root);
  const out = resolve(options.out ?? join(root, 'dist'));
  const dashboard = options.dashboard ?? true;
  // `out` is replaced whole: never the repository or a folder above it, nor a folder that holds anything but an earlier build.
  const up = relative(out, root);
  if (up === '' || !up.startsWith('..')) throw new Error(`refusing to build into ${out}: it contains the repository`);
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, BUILD_MANIFEST))) throw new Error(`refusing to build into ${out}: it holds files that are not a build`);
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    if (dashboard) {
      const { ensureDashboardBuild } = await import('../../../dashboard/build/ensure-dashboard-build.ts');
      await ensureDashboardBuild();
    }
    const report: WorkspaceBundleReport = { externals: new Map(), selfLocating: new Set(), workspaceFiles: new Map() };
    await build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(ENTRY_POINTS.map((e) => [e.name, join(root, e.source)])),
      outdir: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
      plugins: [workspacePlugin(root, report)],
    });
    const packages = installPackageClosure(report.externals.values(), join(partial, NODE_MODULES_DIR));
    installWorkspaceFiles(partial, report.workspaceFiles);
    const assets = runtimeAssets(root, { dashboard });
    copyRuntimeAssets(root, partial, assets);
    const manifest: BuildManifest = {
      entries: ENTRY_POINTS.map((e) => ({ ...e, file: `${e.name}.js` })),
      packages: packages.direct,
      packagesShipped: packages.total,
      assets,
      selfLocating: [...report.selfLocating].sort(),
      dashboard,
    };
    // Node reads the bundles as ES modules by this package.json; it also lists what they import.
    writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'lbc-hub-dist', private: true, type: 'module', dependencies: packages.direct }, null, 2) + '\n');
    writeFileSync(join(partial, BUILD_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    rmSync(out, { recursive: true, force: true });
    renameSync(partial, out);
    return manifest;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
