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

/**
 * Samples a tree periodically during a measured window: CPU as the difference between
 * the first and last reading, RSS as the peak of the summed RSS (summing RSS counts
 * pages shared between processes once per process: an upper bound, stated in reports).
 */
export class TreeMonitor {
  private readonly timer: NodeJS.Timeout;
  private readonly start: TreeSample;
  private peakRssBytes = 0;
  private maxProcesses = 0;
  private maxThreads = 0;

  constructor(private readonly rootPid: number, intervalMs = 100) {
    this.start = this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
    this.timer.unref();
  }

  private take(): TreeSample {
    const sample = sampleTree(this.rootPid);
    this.peakRssBytes = Math.max(this.peakRssBytes, sample.rssBytes);
    this.maxProcesses = Math.max(this.maxProcesses, sample.processes);
    this.maxThreads = Math.max(this.maxThreads, sample.threads);
    return sample;
  }

  stop(): { cpuS: number; rssPeakBytes: number; processCount: number; threadCount: number } {
    clearInterval(this.timer);
    const end = this.take();
    return {
      cpuS: Math.max(0, end.cpuS - this.start.cpuS),
      rssPeakBytes: this.peakRssBytes,
      processCount: this.maxProcesses,
      threadCount: this.maxThreads,
    };
  }
}
