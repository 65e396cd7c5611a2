/**
 * pnpm build [--out DIR] [--no-dashboard]: the production build (see build-production.ts).
 * Writes dist/ (git-ignored): one ES module per process or tool, the packages they import,
 * and the files they read at run time. Run each with `node dist/<name>.js`.
 */
import { parseArgs } from 'node:util';
import { ROOT } from '../paths.ts';
import { buildProduction } from './build-production.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-dashboard': { type: 'boolean' } } });
const started = performance.now();
try {
  const manifest = await buildProduction({ root: ROOT, ...(values.out ? { out: values.out } : {}), dashboard: !values['no-dashboard'] });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `built ${manifest.entries.length} entries into ${values.out ?? 'dist'} in ${seconds} s (${manifest.packagesShipped} packages shipped${manifest.dashboard ? ', dashboard included' : ''}):`,
  );
  for (const entry of manifest.entries) console.log(`  node ${values.out ?? 'dist'}/${entry.file.padEnd(24)} ${entry.purpose}`);
} catch (error) {
  console.error(`build failed: ${(error as Error).message}`);
  process.exit(1);
}
