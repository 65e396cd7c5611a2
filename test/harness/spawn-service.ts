import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: services run from there, as `pnpm start` runs them. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How many output lines of a process are kept: for assertions on its log and for a failure's message. */
const KEPT_LINES = 5_000;

/** One service running as its own Node process, as in production. */
export interface SpawnedService {
  label: string;
  pid: number;
  /** The URL from its "ready at <url>" line. */
  url: string;
  /** stdout lines, in order (the last few thousand). */
  stdout: string[];
  /** stderr lines, in order (the last few thousand). */
  stderr: string[];
  /** Still running: it has neither exited nor been killed. */
  alive(): boolean;
  /** How it ended, once it has. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM to this process (by pid) and waits, at most `timeoutMs`, for it to exit. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines of its output, for an assertion's message. */
  tail(lines?: number): string;
}

/** How Node runs a script from the sources: through tsx. A built script (`dist/*.js`) runs with none (`[]`). */
export const FROM_SOURCE: readonly string[] = ['--import', 'tsx'];

/**
 * Starts `node --import tsx <script> <args>` from the repository root with `env` added to
 * this process's environment, and resolves once it prints "ready at <url>" (or what
 * `ready` matches; on stdout or stderr). Rejects, with its output, if it exits first or is not ready within `readyTimeoutMs`.
 */
export async function spawnService(
  label: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyTimeoutMs = 120_000,
  /** The line that says it is ready; its first group (if any) is the URL. */
  ready: RegExp = /ready at (https?:\/\/[^\s"]+)/,
  nodeArgs: readonly string[] = FROM_SOURCE,
): Promise<SpawnedService> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const keep = (lines: string[]) => (line: string) => {
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.shift();
  };
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const tail = (lines = 40) => [...stdout.map((l) => `[${label} out] ${l}`), ...stderr.map((l) => `[${label} err] ${l}`)].slice(-lines).join('\n');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} was not ready within ${readyTimeoutMs} ms:\n${tail()}`)), readyTimeoutMs);
    for (const [stream, lines] of [
      [child.stdout!, stdout],
      [child.stderr!, stderr],
    ] as const) {
      createInterface({ input: stream }).on('line', (line) => {
        keep(lines)(line);
        const match = ready.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? match[0]);
        }
      });
    }
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (code ${code}, signal ${signal}) before it was ready:\n${tail()}`));
    });
  });
  return {
    label,
    pid: child.pid!,
    url,
    stdout,
    stderr,
    exit,
    tail,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: (timeoutMs = 20_000) => stopProcess(child, exit, timeoutMs),
  };
}

/** Runs `node --import tsx <script> <args>` to completion (at most `timeoutMs`); rejects with its output unless it exits 0. */
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000, nodeArgs: readonly string[] = FROM_SOURCE): Promise<string> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${output.slice(-4000)}`);
  return output;
}

async function stopProcess(child: ChildProcess, exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>, timeoutMs: number) {
  if (child.exitCode !== null || child.signalCode !== null) return exit;
  process.kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => {
    // Not stopped in time: the caller's assertion reports it; the process must not outlive the test.
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
  }, timeoutMs);
  const ended = await exit;
  clearTimeout(timer);
  return ended;
}
