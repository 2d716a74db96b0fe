#!/usr/bin/env node
/**
 * `npm run bench`: parse flags → plan → run the suite → write reports → print the table.
 * Exit codes: 0 done; 1 the run failed; 2 bad input (nothing started); 130 Ctrl-C (what
 * was measured is written, every server is stopped).
 */
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { planRuns } from './plan.js';
import { newRunId, RunStore } from './results/run-store.js';
import { writeReport } from './reporters/write-report.js';
import { microToRun, runSuite } from './run-suite.js';
import { microShards, shardPlan } from './shard.js';
import type { Plan } from './plan.js';
import { LoopbenchError, UsageError } from './run/errors.js';
import { stopAllServers } from './run/start-server.js';
import { runtimeOf } from '../servers/strategies/index.js';
import { describeMissing, missingPythonModules, PYTHON_EXECUTABLE, PYTHON_SERVER_MODULES } from './setup/parts/python.js';
import { suites } from './suites/index.js';
import type { Suite } from './types.js';
import { targetSuite } from './target-options.js';
import { claimsTable, terminalTable } from './terminal-table.js';

/**
 * Python scenarios run where Debian's python3 has FastAPI and uvicorn: with `--runtime
 * python` their absence is bad input; with `all` they are left out, and the run says so.
 */
async function checkRuntimes(suite: Suite, options: BenchOptions): Promise<void> {
  if (options.runtime === 'node' || options.target) return;
  if (!suite.scenarios.some((s) => runtimeOf(s.strategy) === 'python')) return;
  const missing = await missingPythonModules(PYTHON_SERVER_MODULES);
  if (missing.length === 0) return;
  const reason = `${describeMissing(missing)} (${PYTHON_EXECUTABLE}), run npm run setup`;
  if (options.runtime === 'python') throw new UsageError(`--runtime python: ${reason}`);
  options.notMeasured = [...(options.notMeasured ?? []), { runtime: 'python', reason }];
  process.stderr.write(`loopbench: Python scenarios not measured: ${reason}\n`);
}

/** The part of the plan this process runs: all of it, or one shard (`--shard i/n`). */
function partOfPlan(plan: Plan, options: BenchOptions): Plan {
  if (options.segment) {
    for (const s of plan.scenarios) {
      if (s.load.kind === 'closed' && s.load.connections < options.segment.count) {
        throw new UsageError(`--segment ${options.segment.index}/${options.segment.count}: ${s.id} has ${s.load.connections} connection(s), fewer than the ${options.segment.count} segments; raise --connections or use fewer segments`);
      }
    }
  }
  if (!options.shard) return plan;
  const { plan: part, sharding } = shardPlan(plan, options.shard);
  const note = `shard ${sharding.shard}/${sharding.of}: ${sharding.shardGroups} of ${sharding.groups} comparison groups, ${part.scenarios.length} of ${plan.scenarios.length} scenarios, ~${sharding.estimatedS} s of ~${sharding.planEstimatedS} s (plan ${sharding.planHash})`;
  process.stderr.write(`loopbench: ${note}${part.scenarios.length === 0 ? '; nothing to run in this shard (more shards than groups)' : ''}\n`);
  // Each micro-benchmark runs once, on the shard of the claim that reads it (shard.ts).
  const owners = microShards(plan, sharding.of, microToRun(plan, options));
  return { ...part, sharding, micro: [...owners].filter(([, shard]) => shard === sharding.shard).map(([name]) => name) };
}

async function main(argv: string[]): Promise<number> {
  const options: BenchOptions = parseBenchOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const suite = options.target
    ? targetSuite(options.target, { kind: 'closed', connections: options.connections ?? 50, durationS: options.durationS ?? 10, warmupS: options.warmupS ?? 1 }, options.repetitions ?? 1)
    : suites[options.suite];
  await checkRuntimes(suite, options);
  const plan = partOfPlan(planRuns(suite, options), options);
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
  process.stdout.write(`\n${terminalTable(results.summaries)}\n`);
  if (results.claims && !options.target) process.stdout.write(`\n${claimsTable(results.claims)}\n`);
  // Every report is rebuilt from results.json alone (npm run report does the same).
  await writeReport(results, store.dir);
  process.stdout.write(`\nreports: ${store.dir}/ (summary.md, results.csv, results.json, charts/, index.html)\n`);
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
