import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ROOT } from '../../paths.ts';

/** A process the bench started and waits on: its pid is what the CPU figures are read from. */
export interface BenchProcess {
  label: string;
  pid: number;
  child: ChildProcess;
  /** Its last lines of output, for the error when it fails. */
  tail(): string;
}

/** A process that did not come up, or stopped while the bench still needed it. */
export class BenchProcessError extends Error {
  override name = 'BenchProcessError';
}

const TAIL_LINES = 30;

/**
 * Every process the bench starts, so that each one is stopped at the end — on success, on
 * a failure and on Ctrl-C — by its own pid, never by name.
 */
export class BenchProcesses {
  private readonly started: BenchProcess[] = [];
  private stopping = false;

  /**
   * Runs a TypeScript entry point (`node --import tsx <script>`, as `pnpm start` runs the
   * hub) with `env` added, and resolves once it prints a line matching `ready` (the
   * services' "ready at <url>"). Its output is read and kept (a few lines) rather than
   * shown: a request log on the terminal would cost this process CPU the gateways need.
   */
  async start(label: string, script: string, args: string[], env: NodeJS.ProcessEnv, ready = /ready at /, timeoutMs = 120_000): Promise<BenchProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const running: BenchProcess = { label, pid: child.pid!, child, tail: () => lines.join('\n') };
    this.started.push(running);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BenchProcessError(`${label} was not ready within ${timeoutMs / 1000} s:\n${running.tail()}`)), timeoutMs);
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          lines.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
          if (lines.length > TAIL_LINES) lines.shift();
          if (ready.test(line)) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new BenchProcessError(`${label} exited (${signal ?? code}) before it was ready:\n${running.tail()}`));
      });
    });
    child.once('exit', (code, signal) => {
      if (!this.stopping) console.error(`\n${label} stopped unexpectedly (${signal ?? code}):\n${running.tail()}`);
    });
    return running;
  }

  /** Runs a command to its end with the terminal as its output (a seed shows its progress, npm its errors); throws unless it exits 0. */
  async runToEnd(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    const running: BenchProcess = { label, pid: child.pid!, child, tail: () => '' };
    this.started.push(running);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    this.started.splice(this.started.indexOf(running), 1);
    if (code !== 0) throw new BenchProcessError(`${label} failed (${signal ?? `exit ${code}`})`);
  }

  /** Throws if any process the bench relies on has stopped: its figures would be meaningless. */
  assertRunning(): void {
    const gone = this.started.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (gone) throw new BenchProcessError(`${gone.label} has stopped (${gone.child.signalCode ?? gone.child.exitCode}):\n${gone.tail()}`);
  }

  /** Stops every process started, last first (the gateways before the subgraphs they call): SIGTERM, then SIGKILL after 10 s. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const running of [...this.started].reverse()) {
      const { child } = running;
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }
}
