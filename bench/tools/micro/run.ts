/**
 * runMicroBenchmarks: runs the selected micro-benchmarks one after another in this
 * process (the memory one forks its own probes) and returns their results. It writes
 * nothing: the CLI (bench/tools/micro/cli.ts) and the main harness decide where results go.
 */
import { loadavg } from 'node:os';
import { isMicroBenchmarkName, microBenchmarkNames, microBenchmarks } from './index.js';
import { hardwareFacts } from '../../machine.js';
import { ProcessReaper } from './processes.js';
import {
  MICRO_SCHEMA_VERSION,
  type MicroBenchmark,
  type MicroBenchmarkName,
  type MicroContext,
  type MicroResults,
  type MicroRow,
} from './types.js';

export interface MicroRunOptions {
  /** Registry names to run (registry order is kept); all when absent or empty. */
  only?: readonly string[];
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

/** The selected names in registry order; throws on an unknown name, listing the allowed ones. */
export function selectMicroBenchmarks(only: readonly string[] | undefined): MicroBenchmarkName[] {
  if (!only || only.length === 0) return [...microBenchmarkNames];
  const unknown = only.filter((name) => !isMicroBenchmarkName(name));
  if (unknown.length > 0) {
    throw new Error(`unknown micro-benchmark ${unknown.map((n) => `'${n}'`).join(', ')}; allowed: ${microBenchmarkNames.join(', ')}`);
  }
  return microBenchmarkNames.filter((name) => only.includes(name));
}

export async function runMicroBenchmarks(opts: MicroRunOptions = {}): Promise<MicroResults> {
  const names = selectMicroBenchmarks(opts.only);
  const log = opts.log ?? (() => undefined);
  const startedMs = performance.now();
  const results: MicroResults = {
    schemaVersion: MICRO_SCHEMA_VERSION,
    kind: 'loopbench-micro',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    durationMs: 0,
    machine: hardwareFacts(),
    loadAverage1mAtStart: loadavg()[0] ?? Number.NaN,
    loadAverage1mAtEnd: Number.NaN,
    benchmarksRun: names,
    results: {},
    errors: [],
  };
  const reaper = new ProcessReaper();
  const ctx: MicroContext = { log, reaper };
  try {
    for (const name of names) {
      const benchmark = microBenchmarks[name] as MicroBenchmark<unknown>;
      const benchStartedMs = performance.now();
      log(`micro: ${name} ...`);
      try {
        (results.results as Record<string, unknown>)[name] = await benchmark.run(ctx);
        log(`micro: ${name} done in ${((performance.now() - benchStartedMs) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = String((error as Error)?.message ?? error);
        results.errors.push({ benchmark: name, message });
        log(`micro: ${name} FAILED: ${message}`);
      } finally {
        const killed = reaper.killAll();
        if (killed.length > 0) log(`micro: ${name} left processes ${killed.join(', ')}; killed them`);
      }
    }
  } finally {
    reaper.dispose();
  }
  results.finishedAt = new Date().toISOString();
  results.loadAverage1mAtEnd = loadavg()[0] ?? Number.NaN;
  results.durationMs = performance.now() - startedMs;
  return results;
}

/** One row per measured item, in run order: what the CSV and the terminal table show. */
export function microRows(results: MicroResults): MicroRow[] {
  const rows: MicroRow[] = [];
  for (const name of results.benchmarksRun) {
    const result = results.results[name];
    if (result === undefined) continue;
    const benchmark = microBenchmarks[name] as MicroBenchmark<unknown>;
    for (const row of benchmark.rows(result)) rows.push({ benchmark: name, ...row });
  }
  return rows;
}
