/**
 * The parallelism control: how many cores the machine delivers right now. K CPU-bound
 * processes spin for the same wall-clock window at once, and one spins alone (before and
 * after); delivered cores = work of the K together ÷ work of one alone. An idle 2-core
 * machine gives ~2.0; with another process keeping one core busy, ~1.3 (three runnable
 * processes share two cores). Claims whose outcome depends on parallelism (C6, C10, C11)
 * are judged against this figure, never against the core count alone (DESIGN.md).
 *
 * Plain child processes running a few lines of arithmetic: nothing of the harness, the
 * servers or the runtime under test is involved, so the control cannot share their bugs.
 * Written by hand because no library measures delivered parallelism.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { formatNumber, formatRange, formatRatio } from '../format/index.js';
import type { ParallelismControl, ParallelismSample, SpeedSample } from '../types.js';

/** At most this many spinning processes (~30 MB each): enough for every pool the suites start on a CI runner. */
export const MAX_CONTROL_PROCESSES = 16;

/** Wall-clock window each spinning process counts its work in. */
export const CONTROL_WINDOW_MS = 400;

const SPIN_SCRIPT = `
process.stdout.write('r');
process.stdin.once('data', () => {
  const end = Date.now() + Number(process.argv[1]);
  let chunks = 0, x = 0;
  while (Date.now() < end) { for (let i = 0; i < 20000; i++) x += Math.sqrt(i + chunks); chunks++; }
  process.stdout.write(' ' + chunks + (x < 0 ? '!' : ''), () => process.exit(0));
});`;

interface Spinner {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<number>;
}

function startSpinner(windowMs: number): Spinner {
  const child = spawn(process.execPath, ['-e', SPIN_SCRIPT, String(windowMs)], { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('r')) markReady();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const chunks = Number(out.slice(1).trim());
      if (code === 0 && Number.isFinite(chunks) && chunks > 0) resolve(chunks);
      else reject(new Error(`parallelism control: a spinning process exited with code ${code} after printing '${out}'`));
    });
  });
  return { child, ready, done };
}

/** Work done by `k` processes spinning at once for the window (summed), started together. */
async function spin(k: number, windowMs: number): Promise<number> {
  const spinners = Array.from({ length: k }, () => startSpinner(windowMs));
  try {
    await Promise.all(spinners.map((s) => s.ready));
    for (const s of spinners) s.child.stdin!.end('go');
    const counts = await Promise.all(spinners.map((s) => s.done));
    return counts.reduce((a, b) => a + b, 0);
  } finally {
    for (const s of spinners) if (s.child.exitCode === null && s.child.pid !== undefined) s.child.kill('SIGKILL');
  }
}

/** One sample: one alone, K together, one alone again (the mean of the two singles is the unit). */
export async function measureDeliveredCores(processes: number, windowMs = CONTROL_WINDOW_MS): Promise<ParallelismSample> {
  const before = await spin(1, windowMs);
  const together = await spin(processes, windowMs);
  const after = await spin(1, windowMs);
  return {
    measuredAt: new Date().toISOString(),
    processes,
    deliveredCores: together / ((before + after) / 2),
    loadAverage1m: loadavg()[0] ?? 0,
  };
}

/**
 * How much the machine's speed moved over the runs that carry a speed sample: the slowest
 * as a fraction of the fastest. Undefined with fewer than 2 samples.
 */
export function speedRangeOf(speeds: readonly SpeedSample[]): ParallelismControl['speedRange'] {
  if (speeds.length < 2) return undefined;
  const rates = speeds.map((s) => s.workPerMs);
  return { slowest: Math.min(...rates) / Math.max(...rates), samples: speeds.length };
}

/** The control of a run from its samples (median, spread). */
export function parallelismControlOf(samples: ParallelismSample[]): ParallelismControl | undefined {
  if (samples.length === 0) return undefined;
  const sorted = samples.map((s) => s.deliveredCores).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { samples, deliveredCores: median, deliveredCoresMin: sorted[0]!, deliveredCoresMax: sorted[sorted.length - 1]!, processes: samples[0]!.processes };
}

/** Below this many delivered cores, nothing parallel can show (halfway between 1 and 2). */
export const MIN_DELIVERED_CORES = 1.5;

/** Delivered cores as every text prints them (`1.95`, `1.3`): the claims' thresholds are computed from this figure. */
export function formatCores(cores: number): string {
  return formatNumber(cores);
}

/** `the machine delivered 1.3 cores (parallelism control: 2 processes at once did 1.3× the work of one alone, 3 samples 1.2–1.4)`. */
export function deliveredCoresText(control: ParallelismControl): string {
  const range = control.samples.length > 1 ? `, ${control.samples.length} samples ${formatRange(control.deliveredCoresMin, control.deliveredCoresMax)}` : '';
  const speed = control.speedRange ? `; the cpu kernel, timed in the harness around each CPU-bound run, ran at down to ${formatNumber(control.speedRange.slowest)}× its fastest (${control.speedRange.samples} runs)` : '';
  return `the machine delivered ${formatCores(control.deliveredCores)} cores (parallelism control: ${control.processes} processes at once did ${formatRatio(control.deliveredCores)} the work of one alone${range}${speed})`;
}
