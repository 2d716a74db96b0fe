/**
 * The micro-benchmark results of several shards → one: with --shard each micro-benchmark
 * runs on one shard only (bench/shard.ts, microShards), so their `results` are disjoint and
 * are joined by name; the run facts (times, load averages) span all of them.
 */
import type { MicroResults } from '../tools/micro/types.js';

function isMicro(x: unknown): x is MicroResults {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'loopbench-micro';
}

export function mergeMicro(parts: readonly unknown[]): unknown {
  const micros = parts.filter(isMicro);
  if (micros.length === 0) return parts.find((p) => p !== undefined);
  if (micros.length === 1) return micros[0];
  const first = micros[0]!;
  const merged: MicroResults = {
    ...first,
    startedAt: micros.map((m) => m.startedAt).sort()[0]!,
    finishedAt: micros.map((m) => m.finishedAt).sort().at(-1)!,
    durationMs: micros.reduce((t, m) => t + m.durationMs, 0),
    loadAverage1mAtStart: Math.max(...micros.map((m) => m.loadAverage1mAtStart)),
    loadAverage1mAtEnd: Math.max(...micros.map((m) => m.loadAverage1mAtEnd)),
    benchmarksRun: [...new Set(micros.flatMap((m) => m.benchmarksRun))],
    // Disjoint by construction; should two shards hold one benchmark, the first shard's wins.
    results: Object.assign({}, ...[...micros].reverse().map((m) => m.results)) as MicroResults['results'],
    errors: micros.flatMap((m) => m.errors),
  };
  return merged;
}
