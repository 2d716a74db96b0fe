#!/usr/bin/env node
/**
 * `npm run bench`: parse flags → plan → check --out → provision the system parts the plan
 * needs (bench/setup) → run the suite → write reports → print the table and the verdicts.
 * Exit codes (bench/cli-kit/exit-codes.ts; the README lists them too):
 *   0   done, at least one valid result;
 *   1   the run failed (a harness error, or it stopped before every run);
 *   2   bad input: a flag, --out (nothing started, nothing written);
 *   3   no scenario produced a valid result (every run invalid or errored: a refused
 *       --target, a server that never answered right); the reasons are printed and stored;
 *   4   a system part the run needs is missing and could not be provisioned (the message
 *       names the part, its Debian packages and the command);
 *   130 Ctrl-C (what was measured is written, every server is stopped).
 */
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { planRuns } from './plan.js';
import { etaSeconds, formatDuration, GUESSED_OVERHEAD_S } from './progress.js';
import { newRunId, RunStore } from './results/run-store.js';
import { writeReport } from './reporters/write-report.js';
import { checkOutDir } from './results/out-dir.js';
import { microToRun, runSuite } from './run-suite.js';
import { provisionPartsFor } from './setup/for-run.js';
import { microShards, shardPlan } from './shard.js';
import type { Plan } from './plan.js';
import { UsageError } from './errors.js';
import { EXIT } from './cli-kit/exit-codes.js';
import { runMain, type MainContext } from './cli-kit/main.js';
import { stopAllServers } from './run/start-server.js';
import { runtimeOf } from '../servers/strategies/index.js';
import { describeMissing, missingPythonModules, PYTHON_EXECUTABLE, PYTHON_SERVER_MODULES } from './setup/parts/python.js';
import { suites } from './suites/index.js';
import type { Suite } from './types.js';
import { targetSuite } from './target-options.js';
import { deliveredCoresText } from './run/parallelism-control.js';
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

async function main(argv: string[], { interruptSignal }: MainContext): Promise<number> {
  const options: BenchOptions = parseBenchOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const suite = options.target
    ? targetSuite(options.target, { kind: 'closed', connections: options.connections ?? 50, durationS: options.durationS ?? 10, warmupS: options.warmupS ?? 1 }, options.repetitions ?? 1)
    : suites[options.suite];
  await checkRuntimes(suite, options);
  const plan = partOfPlan(planRuns(suite, options), options);
  // Before anything is created or started: a bad --out is exit 2 with nothing written.
  checkOutDir(options.outDir);
  await provisionPartsFor(plan.scenarios, (line) => process.stderr.write(`loopbench: ${line}\n`));
  const store = new RunStore(options.outDir, newRunId());
  const signal = interruptSignal('loopbench: interrupted; stopping servers and writing what was measured (Ctrl-C again to force)');
  const plannedS = etaSeconds(plan.runs.map(({ scenario }) => scenario.load.warmupS + scenario.load.durationS), GUESSED_OVERHEAD_S);
  process.stderr.write(
    `loopbench: suite '${plan.suite.name}', ${plan.scenarios.length} scenarios x ${plan.repetitions} repetitions = ${plan.runs.length} runs (about ${formatDuration(plannedS)} of runs by the plan) -> ${store.dir}\n`,
  );

  const results = await runSuite(plan, options, store, { signal });
  process.stdout.write(`\n${terminalTable(results.summaries)}\n`);
  if (results.parallelism) process.stdout.write(`\n${deliveredCoresText(results.parallelism)}\n`);
  if (results.claims && !options.target) process.stdout.write(`\n${claimsTable(results.claims)}\n`);
  // Every report is rebuilt from results.json alone (npm run report does the same).
  await writeReport(results, store.dir);
  process.stdout.write(`\nreports: ${store.dir}/ (summary.md, results.csv, results.json)\ncharts:  ${store.dir}/charts/ (SVG and PNG); all of it in one page: ${store.dir}/index.html\n`);
  if (signal.aborted) return EXIT.interrupted;
  const valid = results.runs.filter((r) => r.state === 'ok').length;
  if (results.runs.length > 0 && valid === 0) {
    process.stderr.write(`loopbench: no scenario produced a valid result (${results.runs.length} runs, none ok; the reasons are above and in results.json): exit 3\n`);
    return EXIT.noValidResult;
  }
  return results.status === 'complete' ? EXIT.ok : EXIT.failed;
}

// A SetupError (a part the run needs could not be provisioned) exits 4 by its code.
void runMain({ name: 'loopbench', cleanup: stopAllServers }, (context) => main(process.argv.slice(2), context));
