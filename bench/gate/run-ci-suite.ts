/**
 * Runs a suite the way `npm run bench` does (plan → runSuite → raw runs and results.json
 * under reports/<run-id>/), for the gate, the baseline and the self-test, with Ctrl-C
 * stopping the servers and keeping what was measured.
 */
import type { BenchOptions } from '../options.js';
import { planRuns } from '../plan.js';
import { newRunId, RunStore } from '../results/run-store.js';
import { runSuite } from '../run-suite.js';
import { suites } from '../suites/index.js';
import type { ResultsFile } from '../types.js';

export async function runBenchSuite(options: BenchOptions, signal: AbortSignal, log: NodeJS.WritableStream = process.stderr): Promise<ResultsFile> {
  const plan = planRuns(suites[options.suite], options);
  const store = new RunStore(options.outDir, newRunId());
  const slowdown = options.injectSlowdownPct ? `, injected slowdown ${options.injectSlowdownPct}%` : '';
  log.write(`loopbench: suite '${plan.suite.name}', ${plan.scenarios.length} scenarios x ${plan.repetitions} repetitions = ${plan.runs.length} runs${slowdown} -> ${store.dir}\n`);
  return runSuite(plan, options, store, { signal });
}

/** An AbortSignal that fires on the first Ctrl-C (a second one forces the exit). */
export function interruptSignal(onForce: () => void): AbortSignal {
  const abort = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    process.stderr.write(`\nloopbench: interrupted; stopping servers (Ctrl-C again to force)\n`);
    abort.abort();
    if (interrupts > 1) onForce();
  });
  return abort.signal;
}
