import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ExternalPackage } from './workspace-plugin.ts';

/** What was installed: the packages the bundles import, by name, with their versions, and how many packages came along. */
export interface InstalledPackages {
  direct: Record<string, string>;
  total: number;
}

/** A package's folder in pnpm's virtual store (`node_modules/.pnpm/<id>`), and the store it is in. */
interface StoreEntry {
  store: string;
  id: string;
}

/** A package pnpm's layout could not account for; the build stops rather than ship a node_modules that may not resolve. */
export class PackageLayoutError extends Error {
  override name = 'PackageLayoutError';
}

/**
 * Installs into `nodeModules` the packages the bundles import and everything they depend on,
 * in pnpm's own layout: each package's store folder (`.pnpm/<id>`, holding the package and
 * links to its dependencies) copied as it is, and a top-level link per imported package.
 * Only what the bundles reach is copied (no dev tools), at exactly the versions the lockfile
 * installed, so the runtime needs no registry and no package manager. Files are hard-linked
 * where the file system allows, else copied.
 */
export function installPackageClosure(externals: Iterable<ExternalPackage>, nodeModules: string): InstalledPackages {
  const direct: Record<string, string> = {};
  const wanted = new Map<string, StoreEntry>();
  const pending: StoreEntry[] = [];
  const want = (entry: StoreEntry) => {
    if (wanted.has(entry.id)) return;
    wanted.set(entry.id, entry);
    pending.push(entry);
  };
  const top: [string, StoreEntry][] = [];
  for (const external of externals) {
    const entry = storeEntryOf(external.dir, external.name);
    top.push([external.name, entry]);
    want(entry);
    direct[external.name] = (JSON.parse(readFileSync(join(external.dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    for (const link of dependencyLinks(join(entry.store, entry.id, 'node_modules'))) want(storeEntryOf(realpathSync(link), link));
  }
  for (const entry of wanted.values()) copyTree(join(entry.store, entry.id), join(nodeModules, '.pnpm', entry.id));
  for (const [name, entry] of top) {
    const link = join(nodeModules, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(nodeModules, '.pnpm', entry.id, 'node_modules', name)), link);
  }
  return { direct: Object.fromEntries(Object.entries(direct).sort()), total: wanted.size };
}

/** Where a resolved package lives in pnpm's virtual store; `what` names it in the error when it lives elsewhere. */
function storeEntryOf(realDir: string, what: string): StoreEntry {
  const marker = `${sep}node_modules${sep}.pnpm${sep}`;
  const at = realDir.lastIndexOf(marker);
  if (at < 0) throw new PackageLayoutError(`${what} resolves to ${realDir}, outside pnpm's virtual store: the build cannot ship it`);
  const store = realDir.slice(0, at + marker.length - 1);
  return { store, id: realDir.slice(at + marker.length).split(sep)[0]! };
}

/** The links in a store folder's node_modules: the package's dependencies (the package itself is a real folder). */
function dependencyLinks(dir: string): string[] {
  const links: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith('@') && !lstatSync(path).isSymbolicLink()) links.push(...dependencyLinks(path));
    else if (lstatSync(path).isSymbolicLink()) links.push(path);
  }
  return links;
}

/** Copies a folder, keeping symbolic links as they are and hard-linking files where possible. */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (stat.isDirectory()) copyTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}
