import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone in the meantime
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU time a process has used so far, user plus system, in milliseconds. /proc/<pid>/stat
 * counts every thread of the process (libuv's pool, V8's compiler and GC threads, the
 * loader thread of tsx), which process.cpuUsage() of one thread would not show from outside.
 * Undefined once the process is gone.
 */
export function processCpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  // After the name: state is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Summed CPU of several processes, in milliseconds; a process that is gone counts nothing. */
export function processesCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
}

/**
 * CPU used so far by each PostgreSQL backend serving one of `databases`, by pid. A
 * backend names its database in its process title ("postgres: … <user> <database>
 * <client> <state>"). Only those count: the server is shared, and other clients' work (or
 * another benchmark's) must not be billed to a gateway. The server's own background
 * processes (WAL writer, checkpointer) are left out for the same reason.
 */
export function postgresBackendsCpuMs(databases: readonly string[]): Map<number, number> {
  const wanted = new Set(databases);
  const backends = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let title: string;
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!title.split(/[\s\0]+/).some((word) => wanted.has(word))) continue;
    const cpu = processCpuMs(pid);
    if (cpu !== undefined) backends.set(pid, cpu);
  }
  return backends;
}

/**
 * CPU the backends used between two readings, in milliseconds. A backend that appeared in
 * between (a pool growing under load) counts from zero; one that ended in between is lost,
 * which a pool does only after sitting idle, so it did little in the interval.
 */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}
