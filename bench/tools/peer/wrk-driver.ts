/**
 * Closed-model load with wrk (the Debian package, C, epoll), one thread (`-t1`) so it
 * gets the same single thread as loopbench's in-process autocannon driver.
 *
 * A Lua script, written to a temp file per run, gives every request a fresh `?id=N` as
 * loopbench does (which takes wrk off its prebuilt-request fast path: it calls Lua's
 * `request()` per request, the counterpart of autocannon's `setupRequest`), and its
 * `done()` hook prints wrk's exact µs percentiles and wrk's own /proc/self/stat (user +
 * system CPU, after its threads have joined). wrk does not read the bodies.
 * A Ctrl-C (the AbortSignal) kills wrk by its pid: SIGTERM, then SIGKILL.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProcStat } from '../../run/proc-tree.js';
import { parseWrkOutput, SUMMARY_PREFIX, wrkClientFigures, type WrkClientFigures, type WrkOutput } from './wrk-output.js';

export const WRK_BIN = process.env['LOOPBENCH_WRK'] ?? '/usr/bin/wrk';

/** wrk's version line, e.g. `wrk debian/4.1.0-3+b2 [epoll]`. */
export function wrkVersion(): string {
  try {
    // wrk -v prints its version and usage, exit code 1.
    execFileSync(WRK_BIN, ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return 'unknown';
  } catch (error) {
    const out = String((error as { stdout?: string }).stdout ?? '');
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`wrk not found at ${WRK_BIN} (apt-get install -y wrk, or set LOOPBENCH_WRK)`);
    // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer" → "wrk debian/4.1.0-3+b2 [epoll]"
    return out.split('\n')[0]?.replace(/\s*Copyright.*$/, '').trim() || 'unknown';
  }
}

const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface WrkLoadOptions {
  /** Origin, e.g. http://127.0.0.1:PORT. */
  url: string;
  /** Every request gets the path `${pathPrefix}${id}` with a fresh id (e.g. `/work?id=`). */
  pathPrefix: string;
  /** Diagnostic: send the one path `${pathPrefix}${firstId}` every time (wrk's static fast path, no Lua per request). */
  staticPath?: boolean;
  connections: number;
  /** Whole seconds (wrk's -d has a 1 s resolution). */
  durationS: number;
  /** Per-request timeout, s (wrk's default is 2 s; autocannon's in loopbench is 10 s). */
  timeoutS?: number;
  firstId?: number;
  signal?: AbortSignal;
}

export interface WrkLoadResult {
  client: WrkClientFigures;
  /** wrk's user + system CPU over its whole life, s (undefined when unreadable). */
  cpuS: number | undefined;
  cpuSource: 'lua-proc-self-stat' | 'proc-poll' | 'none';
  wallS: number;
  pid: number;
  output: WrkOutput;
}

/** The wrk processes running now, so that a forced exit can kill them by pid. */
const liveWrk = new Set<number>();

export function killAllWrk(): void {
  for (const pid of liveWrk) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function luaString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`path prefix must be printable ASCII: ${JSON.stringify(text)}`);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The Lua script wrk runs: a fresh id per request (unless static) and the summary line. */
export function wrkLuaScript(pathPrefix: string, firstId: number, staticPath: boolean): string {
  const request = staticPath
    ? '-- static path: no request() function, so wrk sends its prebuilt request every time'
    : [
        '-- a fresh ?id=N per request, as loopbench does',
        `local prefix = ${luaString(pathPrefix)}`,
        `local id = ${Math.trunc(firstId) - 1}`,
        'request = function()',
        '  id = id + 1',
        '  return wrk.format("GET", prefix .. id)',
        'end',
      ].join('\n');
  return `${request}

-- wrk's exact percentiles (its histogram is in us) and its own CPU, for loopbench
done = function(summary, latency, requests)
  local f = io.open("/proc/self/stat", "r")
  local stat = ""
  if f then
    stat = f:read("*l") or ""
    f:close()
  end
  io.write(string.format("${SUMMARY_PREFIX}p50_us=%d p75_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.3f requests=%d duration_us=%d status=%d stat=%s\\n",
    latency:percentile(50), latency:percentile(75), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, summary.requests, summary.duration,
    summary.errors.status, stat))
end
`;
}

export async function runWrkLoad(options: WrkLoadOptions): Promise<WrkLoadResult> {
  if (!Number.isInteger(options.durationS) || options.durationS < 1) throw new Error(`wrk needs a whole number of seconds >= 1, got ${options.durationS}`);
  const firstId = options.firstId ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'loopbench-wrk-'));
  const scriptPath = join(dir, 'fresh-id.lua');
  writeFileSync(scriptPath, wrkLuaScript(options.pathPrefix, firstId, options.staticPath ?? false));
  const args = [
    '-t1',
    '-c', String(options.connections),
    '-d', `${options.durationS}s`,
    '--timeout', `${options.timeoutS ?? 10}s`,
    '--latency',
    '-s', scriptPath,
    `${options.url}${options.pathPrefix}${firstId}`,
  ];
  const startedMs = performance.now();
  try {
    const child = spawn(WRK_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid ?? -1;
    if (pid > 0) liveWrk.add(pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Fallback CPU reading, in case the Lua hook could not read /proc/self/stat.
    let polledTicks: number | undefined;
    const poll = setInterval(() => {
      const stat = readProcStat(pid);
      if (stat && stat.state !== 'Z') polledTicks = stat.cpuTicks;
    }, 200);
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 1000);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).finally(() => {
      clearInterval(poll);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      liveWrk.delete(pid);
    });
    const wallS = (performance.now() - startedMs) / 1000;
    if (options.signal?.aborted) throw new Error('interrupted');
    if (exit.code !== 0) {
      throw new Error(`wrk exited with code ${exit.code} signal ${exit.signal}: ${(stderr || stdout).trim().slice(0, 300)}`);
    }
    const output = parseWrkOutput(stdout);
    const luaTicks = output.summary?.cpuTicks;
    const cpuSource = luaTicks !== undefined ? 'lua-proc-self-stat' : polledTicks !== undefined ? 'proc-poll' : 'none';
    const ticks = luaTicks ?? polledTicks;
    return {
      client: wrkClientFigures(output),
      cpuS: ticks === undefined ? undefined : ticks / CLOCK_TICKS_PER_S,
      cpuSource,
      wallS,
      pid,
      output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
