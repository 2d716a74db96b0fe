/**
 * Reads a process tree's CPU time, memory and thread count from /proc (Linux).
 * Worker threads are threads of their process, so their CPU is in the process's
 * utime/stime; forked children (pool members, cluster workers) are found through
 * /proc/PID/task/TID/children, falling back to a scan of every /proc/PID/stat.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

function sysconf(name: string, fallback: number): number {
  try {
    return Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback;
  } catch {
    return fallback;
  }
}

const CLOCK_TICKS_PER_S = sysconf('CLK_TCK', 100);
const PAGE_BYTES = sysconf('PAGESIZE', 4096);

export interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  cpuTicks: number;
  threads: number;
  rssBytes: number;
}

export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may contain spaces: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (statIndex: number) => Number(fields[statIndex - 3]);
  return {
    pid,
    ppid: field(4),
    state: fields[0] ?? '?',
    cpuTicks: field(14) + field(15),
    threads: field(20),
    rssBytes: field(24) * PAGE_BYTES,
  };
}

function childrenOf(pid: number): number[] {
  const taskDir = `/proc/${pid}/task`;
  if (existsSync(`${taskDir}/${pid}/children`)) {
    const children: number[] = [];
    let tids: string[] = [];
    try {
      tids = readdirSync(taskDir);
    } catch {
      return [];
    }
    for (const tid of tids) {
      try {
        const text = readFileSync(`${taskDir}/${tid}/children`, 'utf8').trim();
        if (text) children.push(...text.split(' ').map(Number));
      } catch {
        // the thread ended while we read
      }
    }
    return children;
  }
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((candidate) => readProcStat(candidate)?.ppid === pid);
}

/** The pids of a process and all its descendants that are alive now. */
export function processTree(rootPid: number): number[] {
  const seen: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.includes(pid) || !readProcStat(pid)) continue;
    seen.push(pid);
    queue.push(...childrenOf(pid));
  }
  return seen;
}

export interface TreeSample {
  cpuS: number;
  rssBytes: number;
  processes: number;
  threads: number;
  pids: number[];
}

/** One reading of the whole tree (zombies excluded from memory). */
export function sampleTree(rootPid: number): TreeSample {
  const stats = processTree(rootPid)
    .map(readProcStat)
    .filter((s): s is ProcStat => s !== undefined);
  return {
    cpuS: stats.reduce((sum, s) => sum + s.cpuTicks, 0) / CLOCK_TICKS_PER_S,
    rssBytes: stats.filter((s) => s.state !== 'Z').reduce((sum, s) => sum + s.rssBytes, 0),
    processes: stats.length,
    threads: stats.reduce((sum, s) => sum + s.threads, 0),
    pids: stats.map((s) => s.pid),
  };
}

/** Whether a pid is alive (a zombie counts as gone: it holds no resources but its entry). */
export function isAlive(pid: number): boolean {
  const stat = readProcStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/** What a TreeMonitor measured. */
export interface TreeFigures {
  /** CPU time of the tree from the monitor's start to its stop. */
  cpuS: number;
  /**
   * The tree's CPU seconds per wall second from the start to `windowEndMs` (stop's
   * argument): how many cores the server kept busy over exactly that span. Absent without
   * a window end inside the monitored span.
   */
  coresBusy?: number;
  rssPeakBytes: number;
  processCount: number;
  threadCount: number;
}

/**
 * Samples a tree periodically during a measured window: CPU as the difference between
 * the first and last reading, RSS as the peak of the summed RSS (summing RSS counts
 * pages shared between processes once per process: an upper bound, stated in reports).
 * Every reading is kept with its time, so the CPU at a moment between two readings (the
 * end of a window the monitor outlives) is interpolated between them.
 */
export class TreeMonitor {
  private readonly timer: NodeJS.Timeout;
  private readonly readings: { atMs: number; cpuS: number }[] = [];
  private peakRssBytes = 0;
  private maxProcesses = 0;
  private maxThreads = 0;

  constructor(private readonly rootPid: number, intervalMs = 100) {
    this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
    this.timer.unref();
  }

  private take(): TreeSample {
    const sample = sampleTree(this.rootPid);
    this.readings.push({ atMs: performance.now(), cpuS: sample.cpuS });
    this.peakRssBytes = Math.max(this.peakRssBytes, sample.rssBytes);
    this.maxProcesses = Math.max(this.maxProcesses, sample.processes);
    this.maxThreads = Math.max(this.maxThreads, sample.threads);
    return sample;
  }

  /** Ends sampling. `windowEndMs` (performance.now()'s clock): where the window whose cores busy are wanted ended. */
  stop(windowEndMs?: number): TreeFigures {
    clearInterval(this.timer);
    this.take();
    const start = this.readings[0]!;
    const end = this.readings[this.readings.length - 1]!;
    const coresBusy = windowEndMs === undefined ? undefined : coresBusyUntil(this.readings, windowEndMs);
    return {
      cpuS: Math.max(0, end.cpuS - start.cpuS),
      ...(coresBusy !== undefined ? { coresBusy } : {}),
      rssPeakBytes: this.peakRssBytes,
      processCount: this.maxProcesses,
      threadCount: this.maxThreads,
    };
  }
}

/**
 * CPU seconds per wall second from the first reading to `endMs`, the CPU at `endMs`
 * interpolated linearly between the readings around it. Undefined when `endMs` is not
 * after the first reading or past the last one.
 */
export function coresBusyUntil(readings: readonly { atMs: number; cpuS: number }[], endMs: number): number | undefined {
  const first = readings[0];
  if (!first || endMs <= first.atMs) return undefined;
  const after = readings.findIndex((r) => r.atMs >= endMs);
  if (after < 1) return undefined;
  const a = readings[after - 1]!;
  const b = readings[after]!;
  const share = b.atMs > a.atMs ? (endMs - a.atMs) / (b.atMs - a.atMs) : 1;
  const cpuAtEndS = a.cpuS + share * (b.cpuS - a.cpuS);
  return Math.max(0, cpuAtEndS - first.cpuS) / ((endMs - first.atMs) / 1000);
}
