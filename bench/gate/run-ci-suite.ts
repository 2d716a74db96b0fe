/**
 * Runs a suite the way `npm run bench` does (plan → runSuite → raw runs and results.json
 * under reports/<run-id>/), for the gate, the baseline and the self-test, with Ctrl-C
 * stopping the servers and keeping what was measured.
 */
import os from 'node:os';
import type { BenchOptions } from '../options.js';
import { planRuns } from '../plan.js';
import { newRunId, RunStore } from '../results/run-store.js';
import { runSuite } from '../run-suite.js';
import { suites } from '../suites/index.js';
import type { ResultsFile } from '../types.js';

/**
 * The 1-minute load average seen during a suite: the suite itself keeps about 2-3 threads
 * runnable (server, pool, load generator), so much more means other processes competed
 * for the CPU and the figures carry their noise (or their drift, against a baseline).
 */
export interface MachineLoad {
  load1Mean: number;
  load1Max: number;
  usableCores: number;
}

export interface SuiteOutcome {
  results: ResultsFile;
  machineLoad: MachineLoad;
}

const LOAD_SAMPLE_MS = 5000;

export async function runBenchSuite(options: BenchOptions, signal: AbortSignal, log: NodeJS.WritableStream = process.stderr): Promise<SuiteOutcome> {
  const plan = planRuns(suites[options.suite], options);
  const store = new RunStore(options.outDir, newRunId());
  const slowdown = options.injectSlowdownPct ? `, injected slowdown ${options.injectSlowdownPct}%` : '';
  log.write(`loopbench: suite '${plan.suite.name}', ${plan.scenarios.length} scenarios x ${plan.repetitions} repetitions = ${plan.runs.length} runs${slowdown} -> ${store.dir}\n`);
  const loads: number[] = [];
  const sample = () => loads.push(os.loadavg()[0] ?? 0);
  const timer = setInterval(sample, LOAD_SAMPLE_MS);
  try {
    const results = await runSuite(plan, options, store, { signal });
    sample();
    const load1Mean = loads.reduce((a, b) => a + b, 0) / loads.length;
    return { results, machineLoad: { load1Mean, load1Max: Math.max(...loads), usableCores: os.availableParallelism() } };
  } finally {
    clearInterval(timer);
  }
}

/** A note on the machine's load, and whether it was busy enough to warn about. */
export function describeLoad(label: string, load: MachineLoad): { note: string; busy: boolean } {
  const busy = load.load1Mean > load.usableCores + 2;
  const note = `${label}: load average ${load.load1Mean.toFixed(1)} (max ${load.load1Max.toFixed(1)}) on ${load.usableCores} cores; the suite alone keeps about 2-3 threads busy`;
  return { note, busy };
}
