/**
 * tinybench glue. The things compared are run in alternating rounds (A B A B ..., a fresh
 * Bench per round, the samples of all rounds pooled), as the rest of loopbench does with
 * repetitions: on a 2-core machine a burst of outside load then hits both sides instead
 * of whichever task happened to run at that moment.
 */
import { Bench, hrtimeNow, type BenchOptions } from 'tinybench';
import type { TimingStats } from './types.js';

export interface AlternatingOptions {
  rounds: number;
  /** The tinybench options of one round (the budget is per round and per task). */
  perRound: BenchOptions;
  /** Warm-up in the first round only (the code is hot after it). */
  warmupRounds?: number;
  /** Operations one sample runs, per task name (default 1). */
  opsPerSample?: Record<string, number>;
}

/** Tasks added to each round's Bench, in this order. */
export type TaskTable = Record<string, () => unknown>;

/** Two-sided 95% critical values of Student's t for df = 1..30. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

function tCritical95(df: number): number {
  if (df < 1) return Number.NaN;
  const tabled = T95[df - 1];
  if (tabled !== undefined) return tabled;
  // Cornish-Fisher expansion around z; error < 0.1% for df > 30.
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (b - a) * (pos - lo);
}

/** Statistics of latency samples in ms (tinybench's unit), per operation in ns. */
export function timingStats(samplesMs: readonly number[], opsPerSample: number, rounds: number): TimingStats {
  const n = samplesMs.length;
  if (n === 0) throw new Error('no samples');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const rmePct = n > 1 && mean > 0 ? ((tCritical95(n - 1) * sd) / Math.sqrt(n) / mean) * 100 : Number.NaN;
  const nsPerOp = (ms: number): number => (ms * 1e6) / opsPerSample;
  return {
    meanNsPerOp: nsPerOp(mean),
    p50NsPerOp: nsPerOp(quantileSorted(sorted, 0.5)),
    minNsPerOp: nsPerOp(sorted[0]!),
    maxNsPerOp: nsPerOp(sorted[n - 1]!),
    sdNsPerOp: nsPerOp(sd),
    rmePct,
    samples: n,
    rounds,
    opsPerSample,
  };
}

/** Runs the tasks in `rounds` alternating rounds and returns each task's pooled statistics. */
export async function runAlternating(tasks: TaskTable, options: AlternatingOptions): Promise<Map<string, TimingStats>> {
  const samples = new Map<string, number[]>(Object.keys(tasks).map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({
      // hrtime clock; a failing task fails the benchmark instead of printing NaN.
      now: hrtimeNow,
      throws: true,
      ...options.perRound,
      warmup: round < (options.warmupRounds ?? 1) && options.perRound.warmup !== false,
    });
    // Alternate the order too, so neither task always runs right after the other's warm-up.
    const names = round % 2 === 0 ? Object.keys(tasks) : Object.keys(tasks).reverse();
    for (const name of names) bench.add(name, tasks[name]!);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (!result || result.error) throw new Error(`task ${task.name} failed: ${result?.error?.message ?? 'no result'}`);
      if (!result.latency || result.latency.samples.length === 0) throw new Error(`task ${task.name} has no samples`);
      samples.get(task.name)!.push(...result.latency.samples);
    }
  }
  return new Map(
    [...samples].map(([name, taskSamples]) => [name, timingStats(taskSamples, options.opsPerSample?.[name] ?? 1, options.rounds)]),
  );
}

/** The stats of one task, or a clear error. */
export function statsOf(stats: Map<string, TimingStats>, task: string): TimingStats {
  const found = stats.get(task);
  if (!found) throw new Error(`no statistics for task ${task}`);
  return found;
}

export const nsToMs = (ns: number): number => ns / 1e6;
export const nsToUs = (ns: number): number => ns / 1e3;
