#!/usr/bin/env node
/**
 * `npm run bench`: parse flags → plan → run the suite → write reports → print the table.
 * Exit codes: 0 done; 1 the run failed; 2 bad input (nothing started); 130 Ctrl-C (what
 * was measured is written, every server is stopped).
 */
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { planRuns } from './plan.js';
import { newRunId, RunStore } from './results/run-store.js';
import { runSuite } from './run-suite.js';
import { LoopbenchError, UsageError } from './run/errors.js';
import { stopAllServers } from './run/start-server.js';
import { suites } from './suites/index.js';
import { targetSuite } from './target-options.js';
import { terminalTable } from './terminal-table.js';

async function main(argv: string[]): Promise<number> {
  const options: BenchOptions = parseBenchOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const suite = options.target
    ? targetSuite(options.target, { kind: 'closed', connections: options.connections ?? 50, durationS: options.durationS ?? 10, warmupS: options.warmupS ?? 1 }, options.repetitions ?? 1)
    : suites[options.suite];
  const plan = planRuns(suite, options);
  const store = new RunStore(options.outDir, newRunId());
  const abort = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    process.stderr.write(`\nloopbench: interrupted; stopping servers and writing what was measured (Ctrl-C again to force)\n`);
    abort.abort();
    if (interrupts > 1) void stopAllServers().finally(() => process.exit(130));
  });
  process.stderr.write(`loopbench: suite '${plan.suite.name}', ${plan.scenarios.length} scenarios x ${plan.repetitions} repetitions = ${plan.runs.length} runs -> ${store.dir}\n`);

  const results = await runSuite(plan, options, store, { signal: abort.signal });
  process.stdout.write(`\n${terminalTable(results.summaries)}\n\nresults: ${store.dir}/results.json\n`);
  if (abort.signal.aborted) return 130;
  return results.status === 'complete' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  async (code) => {
    await stopAllServers();
    process.exit(code);
  },
  async (error: unknown) => {
    await stopAllServers();
    if (error instanceof UsageError) {
      process.stderr.write(`loopbench: ${error.message}\n`);
      process.exit(2);
    }
    const message = error instanceof LoopbenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`loopbench: ${message}\n`);
    process.exit(1);
  },
);
