/**
 * Process bookkeeping for the micro-benchmarks: every process they start is tracked by
 * PID, with the script it runs, and killed (SIGKILL) if it is still there at the end,
 * whatever happened (error, SIGINT, process exit). Plus /proc readers for memory figures.
 */
import { readFileSync } from 'node:fs';
import type { EventEmitter } from 'node:events';

interface Tracked {
  /** A string /proc/PID/cmdline must contain for the PID to still be ours (PIDs get reused). */
  marker: string;
}

export class ProcessReaper {
  private readonly tracked = new Map<number, Tracked>();
  private readonly onExit = (): void => {
    this.killAll();
  };

  constructor() {
    // Synchronous: 'exit' listeners cannot await, and process.kill does not need to.
    process.on('exit', this.onExit);
  }

  /** Track `pid`, which runs a command line containing `marker` (e.g. the script path). */
  track(pid: number | undefined, marker: string): void {
    if (pid !== undefined) this.tracked.set(pid, { marker });
  }

  /** Forget `pid` once it is known to have exited. */
  release(pid: number | undefined): void {
    if (pid !== undefined) this.tracked.delete(pid);
  }

  /** PIDs still tracked (started and not seen to exit). */
  get pids(): number[] {
    return [...this.tracked.keys()];
  }

  /**
   * SIGKILL those of `pids` that are tracked, still alive and still ours (their command
   * line has the marker), and forget them all; returns the PIDs killed.
   */
  kill(pids: readonly (number | undefined)[]): number[] {
    const killed: number[] = [];
    for (const pid of pids) {
      if (pid === undefined) continue;
      const tracked = this.tracked.get(pid);
      if (!tracked) continue;
      this.tracked.delete(pid);
      if (!isOurs(pid, tracked.marker)) continue;
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // Exited in between.
      }
    }
    return killed;
  }

  /** SIGKILL every tracked process that is still alive and still ours; returns their PIDs. */
  killAll(): number[] {
    return this.kill(this.pids);
  }

  /** Kill what is left and stop listening for process exit. */
  dispose(): number[] {
    const killed = this.killAll();
    process.off('exit', this.onExit);
    return killed;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isOurs(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.includes(marker));
  } catch {
    // No /proc (not Linux) or the process is gone: trust the PID only if it is still alive.
    return isAlive(pid);
  }
}

/** A `key:   123 kB` line of a /proc file, in bytes; null when the file or key is unavailable. */
export function readProcKiB(pid: number | 'self', file: 'status' | 'smaps_rollup', key: string): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The first message matching `accept` from a Worker or ChildProcess; rejects if it emits
 * 'error', exits first, or nothing comes within `timeoutMs`.
 */
export function firstMessage<T>(
  emitter: EventEmitter,
  what: string,
  accept: (message: unknown) => message is T,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      emitter.off('message', onMessage);
      emitter.off('error', onError);
      emitter.off('exit', onExit);
    };
    const onMessage = (message: unknown): void => {
      if (!accept(message)) return;
      cleanup();
      resolve(message);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number | null, signal?: string | null): void => {
      cleanup();
      reject(new Error(`${what} exited (code ${code}, signal ${signal ?? null}) before it answered`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.on('message', onMessage);
    emitter.once('error', onError);
    emitter.once('exit', onExit);
  });
}

/** Resolves when a ChildProcess has exited (at once if it already has). */
export function exited(child: { exitCode: number | null; signalCode: NodeJS.Signals | null } & EventEmitter): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `promise`, or a rejection after `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
