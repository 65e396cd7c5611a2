/**
 * pnpm start: the whole hub on this machine. Creates development keys, seeds the demo
 * world if the databases are empty, then runs the four agency subgraphs, the hand-offs and the gateway
 * as six processes (each service with its own database, as in production), then the
 * dashboard (built first when its sources changed), and prints
 * how to call it. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
// The config module only: the launcher does not need Apollo Gateway loaded in its own process.
import { subgraphUrlVariable } from '@lbc/gateway/config';
import { ensureDevKeys } from './keys/dev-keys.ts';
import { ROOT } from './paths.ts';
import { printWelcome } from './start/welcome.ts';
import { SEED_DAY } from './seed/world/world-days.ts';
import { SERVICES } from './services.ts';

const children: ChildProcess[] = [];
let stopping = false;

function run(label: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const ready = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        process.stdout.write(`[${label}] ${line}\n`);
        if (/ready at /.test(line)) resolve();
      });
    }
    child.once('exit', (code) => {
      reject(new Error(`${label} exited with code ${code}`));
      if (!stopping) void shutdown(1);
    });
  });
  return ready;
}

async function runToCompletion(script: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${script} failed (exit ${code})`);
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  // The gateway first (it was started last): its exchange's tasks stop before the services they call do.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

try {
  await ensureDevKeys();
  await runToCompletion('scripts/src/seed/main.ts', ['--if-empty']);
  await runToCompletion('dashboard/build/main.ts', []);
  // LBC_PORT_BASE moves the whole hub (gateway on the base, subgraphs on base+1..4) when 4000-4004 are taken.
  const base = Number(process.env.LBC_PORT_BASE ?? 4000);
  const subgraphUrls: Record<string, string> = {};
  await Promise.all(
    SERVICES.map((s, i) => {
      const port = String(base + i + 1);
      subgraphUrls[subgraphUrlVariable(s.name)] = `http://127.0.0.1:${port}/graphql`;
      return run(s.name, 'scripts/src/serve-subgraph.ts', [s.name], { PORT: port });
    }),
  );
  const port = process.env.PORT ?? String(base);
  // This launcher is the development hub: Sandbox and introspection on (production runs gateway/src/main.ts without it).
  // The demo world is dated SEED_DAY: its data-quality rules are judged on that day, not on an age it never reached.
  await run('gateway', 'gateway/src/main.ts', [], { PORT: port, LBC_DEVELOPMENT: process.env.LBC_DEVELOPMENT ?? '1', LBC_QUALITY_TODAY: process.env.LBC_QUALITY_TODAY ?? SEED_DAY, ...subgraphUrls });
  // The dashboard talks to the gateway through its own origin; the development sign-in mints tokens for listed principals.
  const dashboardPort = process.env.LBC_DASHBOARD_PORT ?? String(base + 10);
  await run('dashboard', 'dashboard/server/main.ts', [], { LBC_DASHBOARD_PORT: dashboardPort, LBC_GATEWAY_URL: `http://127.0.0.1:${port}/graphql`, LBC_DASHBOARD_DEV_TOKENS: '1' });
  await printWelcome(`http://127.0.0.1:${port}/graphql`, `http://127.0.0.1:${dashboardPort}/`);
  console.log('hub ready');
} catch (error) {
  console.error((error as Error).message);
  await shutdown(1);
}
