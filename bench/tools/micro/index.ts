import { articleSnippets } from './benchmarks/article-snippets.js';
import { gatherVsSequential } from './benchmarks/gather-vs-sequential.js';
import { memoryPerUnit } from './benchmarks/memory-per-unit.js';
import { pythonMemoryPerUnit } from './benchmarks/python-memory-per-unit.js';
import { poolRoundTrip } from './benchmarks/pool-round-trip.js';
import { startup } from './benchmarks/startup.js';
import { syncVsAwait } from './benchmarks/sync-vs-await.js';
import type { MicroBenchmark, MicroBenchmarkName, MicroResultsByName } from './types.js';

/**
 * The registry of micro-benchmarks: its keys are the valid `--only` names, its order the
 * run order. One line per benchmark (bench/tools/micro/benchmarks/<name>.ts).
 */
export const microBenchmarks: { [K in MicroBenchmarkName]: MicroBenchmark<MicroResultsByName[K]> } = {
  'sync-vs-await': syncVsAwait,
  'gather-vs-sequential': gatherVsSequential,
  'pool-round-trip': poolRoundTrip,
  startup,
  'memory-per-unit': memoryPerUnit,
  'article-snippets': articleSnippets,
  'python-memory-per-unit': pythonMemoryPerUnit,
};

export const microBenchmarkNames = Object.keys(microBenchmarks) as MicroBenchmarkName[];

export function isMicroBenchmarkName(name: string): name is MicroBenchmarkName {
  return Object.hasOwn(microBenchmarks, name);
}
