import type { Plugin } from 'esbuild';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { APP_DIR } from './dist-layout.ts';

/** A package the bundles leave to node_modules: its name and the directory the importing workspace package resolves it to. */
export interface ExternalPackage {
  name: string;
  dir: string;
}

/**
 * What the plugin saw while bundling: the packages left external, the workspace sources that
 * locate files relative to themselves, and the files of workspace packages resolved by name
 * at run time (`@lbc/schema/supergraph.graphql`).
 */
export interface WorkspaceBundleReport {
  externals: Map<string, ExternalPackage>;
  selfLocating: Set<string>;
  /** By specifier (`@lbc/schema/supergraph.graphql`): the file it resolves to. */
  workspaceFiles: Map<string, string>;
}

/**
 * The esbuild plugin of the production build. Workspace packages (`@lbc/*`, whose exports
 * are TypeScript sources) are bundled; every other package stays external and is recorded,
 * resolved from the importing source, so the build can ship exactly those packages.
 *
 * A bundled module's `import.meta.url` is the bundle's, not its source's, so a source that
 * reads a file beside itself (`new URL('./schema.graphql', import.meta.url)`) would look in
 * the wrong place. Each such occurrence is rewritten to the URL the source file has under
 * `dist/app/`, where the build copies those files in the same layout as the repository.
 * Packages a source resolves at run time by name (`createRequire(import.meta.url).resolve('x/…')`)
 * are recorded as externals too, and files of workspace packages resolved so are listed.
 */
export function workspacePlugin(root: string, report: WorkspaceBundleReport): Plugin {
  const record = (name: string, fromDir: string): void => {
    const dir = packageDir(name, fromDir);
    if (!dir) throw new Error(`cannot find package ${name} from ${relative(root, fromDir)}`);
    const known = report.externals.get(name);
    if (known && known.dir !== dir) throw new Error(`two copies of ${name} would share dist/node_modules/${name}: ${relative(root, known.dir)} and ${relative(root, dir)}`);
    report.externals.set(name, { name, dir });
  };
  return {
    name: 'lbc-workspace',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path) || args.kind === 'entry-point') return undefined;
        const name = packageName(args.path);
        if (name.startsWith('@lbc/')) return undefined;
        record(name, args.resolveDir);
        return { path: args.path, external: true };
      });
      build.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const loader = args.path.endsWith('x') ? 'tsx' : 'ts';
        if (!source.includes('import.meta.url')) return { contents: source, loader };
        const rel = relative(root, args.path).split(sep).join('/');
        report.selfLocating.add(rel);
        for (const match of source.matchAll(/\.resolve\(\s*'((?:@[^/']+\/)?[^/'.][^/']*)[^']*'\s*\)/g)) {
          if (!match[1]!.startsWith('@lbc/')) record(match[1]!, dirname(args.path));
          else {
            const specifier = match[0].slice(match[0].indexOf("'") + 1, match[0].lastIndexOf("'"));
            report.workspaceFiles.set(specifier, createRequire(args.path).resolve(specifier));
          }
        }
        const contents = source.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(`./${APP_DIR}/${rel}`)}, import.meta.url).href`);
        return { contents, loader };
      });
    },
  };
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The real directory of `name` as Node would find it from `fromDir` (walking up node_modules folders), or null. */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}
