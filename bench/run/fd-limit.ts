/**
 * Thousands of connections need thousands of file descriptors, in the harness (client
 * sockets) and in the server (accepted sockets); children inherit the harness's limit.
 * Node cannot call setrlimit, so the harness asks util-linux `prlimit` to raise its own
 * soft limit (and, as root, the hard one). What it could not raise is reported as the
 * reason a scenario could not run, with the command that fixes it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Descriptors kept free for everything else (files, pipes, the upstream, the DB). */
const HEADROOM = 512;
const TARGET_LIMIT = 65_536;

export interface FdLimits {
  soft: number;
  hard: number;
}

export function readFdLimits(pid: number | 'self' = 'self'): FdLimits {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line ?? '').split(/\s{2,}/).slice(1, 3).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft: soft ?? 1024, hard: hard ?? 1024 };
}

/** Tries to raise this process's limit so `connections` sockets fit; returns the limit in force. */
export function ensureFdLimit(connections: number): FdLimits {
  const needed = connections + HEADROOM;
  const current = readFdLimits();
  if (current.soft >= needed) return current;
  const wanted = Math.max(needed, Math.min(TARGET_LIMIT, Math.max(needed, current.hard)));
  for (const limit of [`${wanted}:${Math.max(wanted, current.hard)}`, `${Math.min(wanted, current.hard)}:${current.hard}`]) {
    try {
      execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${limit}`], { stdio: 'ignore' });
      if (readFdLimits().soft >= needed) break;
    } catch {
      // not permitted, or prlimit missing: try the next, then report
    }
  }
  return readFdLimits();
}

/** Why `connections` cannot run here, or undefined when they can. */
export function fdLimitProblem(connections: number): string | undefined {
  const limits = ensureFdLimit(connections);
  if (limits.soft >= connections + HEADROOM) return undefined;
  return `the file-descriptor limit (${limits.soft}, hard ${limits.hard}) is below the ${connections} connections this scenario needs (+${HEADROOM} headroom); raise it with \`ulimit -n ${connections + HEADROOM}\` (or as root \`prlimit --pid $$ --nofile=${TARGET_LIMIT}\`) and run again`;
}
