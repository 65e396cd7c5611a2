import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployFiles } from './deploy-files.ts';
import { ENTRY_POINTS } from './entry-points.ts';
import { ROLES } from './service-requirements.ts';

/**
 * What can be known of deploy/Dockerfile without a Docker engine: a target per role; the
 * build runs the repository's own `pnpm build` with the pnpm and the Node major the project
 * declares and tests on; every file it copies from the context exists and is not excluded by
 * its .dockerignore; every script a CMD, ENTRYPOINT or HEALTHCHECK runs is one the build writes.
 * Returns one line per problem.
 */
export function checkDockerfile(root: string, files: DeployFiles): string[] {
  const problems: string[] = [];
  const { text, targets } = files.dockerfile;
  for (const role of ROLES) if (!targets.includes(role)) problems.push(`Dockerfile: no target ${role}`);

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string; scripts: Record<string, string> };
  if (!/^RUN pnpm build$/m.test(text)) problems.push('Dockerfile: the build stage does not run `pnpm build`');
  if (!pkg.scripts.build?.includes('scripts/src/build/build.ts')) problems.push('package.json: `pnpm build` is not the production build (scripts/src/build/build.ts)');
  const pnpm = /npm install --global (pnpm@\S+)/.exec(text)?.[1];
  if (pnpm !== pkg.packageManager) problems.push(`Dockerfile: installs ${pnpm ?? 'no pnpm'}, the project declares ${pkg.packageManager}`);
  if (!/pnpm install --frozen-lockfile/.test(text)) problems.push('Dockerfile: dependencies are not installed from the lockfile (--frozen-lockfile)');
  const node = /^ARG NODE_IMAGE=node:(\d+)/m.exec(text)?.[1];
  if (node !== process.versions.node.split('.')[0]) problems.push(`Dockerfile: Node ${node ?? '?'} in the image, ${process.versions.node} here where the build is tested`);

  const ignored = readFileSync(`${files.dockerfile.path}.dockerignore`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const match of text.matchAll(/^COPY[ \t]+(?!--from)((?:\S+[ \t]+)+)\S+[ \t]*$/gm)) {
    for (const source of match[1]!.trim().split(/\s+/)) {
      if (source === '.') continue;
      if (!existsSync(join(root, source))) problems.push(`Dockerfile: COPY ${source}: no such file in the repository`);
      if (ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`))) problems.push(`Dockerfile: COPY ${source}: excluded by the .dockerignore`);
    }
  }
  for (const needed of ['pnpm-lock.yaml', 'package.json', 'scripts', 'gateway', 'subgraphs', 'schema', 'dashboard']) {
    if (ignored.includes(needed)) problems.push(`Dockerfile.dockerignore: excludes ${needed}, which the build needs`);
  }

  const built = new Set([...ENTRY_POINTS.map((e) => `${e.name}.js`), 'probe.mjs']);
  for (const match of text.matchAll(/^(?:CMD|ENTRYPOINT|HEALTHCHECK.*CMD)[ \t]+(\[.*\])[ \t]*$/gm)) {
    for (const word of JSON.parse(match[1]!) as string[]) {
      if (/\.m?js$/.test(word) && !built.has(word)) problems.push(`Dockerfile: runs ${word}, which the build does not write`);
    }
  }
  return problems;
}
