/**
 * The gate's self-test (a benchmark, not a unit test): take a baseline in this session,
 * then run T trials of identical code (A/A: any regression is a false alarm) and T
 * trials with `--inject-slowdown P%` (a regression must be found), alternating, each
 * trial a short gate run judged by the real gate (gateReport). Prints the detection rate
 * and the false-alarm rate with Wilson 95% intervals, and writes them as JSON.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from '../options.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { UsageError } from '../errors.js';
import type { ResultsFile } from '../types.js';
import { baselineFrom, type Baseline } from './baseline.js';
import { gateReport } from './baseline-gate.js';
import type { GateOutcome } from './decide.js';
import { readResultsFile } from './inputs.js';
import { runBenchSuite, type MachineLoad } from './run-ci-suite.js';

export interface SelfTestOptions {
  trials: number;
  slowdownPct: number;
  /** Bench options of every run (suite ci, repetitions, durations, out dir). */
  bench: BenchOptions;
  practicalBand: number;
}

export interface Trial {
  kind: 'a/a' | 'slowdown';
  index: number;
  /** The trial's run: reports/self-test/<runId>/. */
  runId: string;
  outcome: GateOutcome;
  /** Metrics the gate flagged (regression) or could not decide (inconclusive). */
  regressed: string[];
  inconclusive: string[];
  errors: string[];
  /** Mean 1-minute load average during the trial's run (absent when re-judged). */
  load1Mean?: number;
}

/** Wilson score interval of a proportion k/n at 95%. */
export function wilson(k: number, n: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = 1.959964;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

function rateLine(label: string, k: number, n: number): string {
  const ci = wilson(k, n);
  return `${label}: ${k}/${n} = ${((k / n) * 100).toFixed(0)}% (95% CI ${(ci.low * 100).toFixed(0)}-${(ci.high * 100).toFixed(0)}%)`;
}

function summaryLines(trials: Trial[], slowdownPct: number, repetitions: string): string[] {
  const aa = trials.filter((t) => t.kind === 'a/a');
  const slow = trials.filter((t) => t.kind === 'slowdown');
  const count = (ts: Trial[], o: GateOutcome) => ts.filter((t) => t.outcome === o).length;
  return [
    `gate self-test: ${slow.length} trials with --inject-slowdown ${slowdownPct}%, ${aa.length} A/A trials; ${repetitions} repetitions per run`,
    rateLine('detection rate (slowdown -> regression, exit 1)', count(slow, 'regression'), slow.length),
    rateLine('false-alarm rate (A/A -> regression, exit 1)', count(aa, 'regression'), aa.length),
    `inconclusive (exit 0 with a warning): A/A ${count(aa, 'inconclusive')}/${aa.length}, slowdown ${count(slow, 'inconclusive')}/${slow.length}; harness errors: ${count(trials, 'error')}`,
  ];
}

function judgeTrial(baseline: Baseline, results: ResultsFile, index: number, practicalBand: number, machineLoad?: MachineLoad): Trial {
  const { decision } = gateReport(baseline, results, { baselinePath: '(self-test baseline)', strict: false, practicalBand }, machineLoad);
  return {
    kind: Number(results.options['injectSlowdownPct'] ?? 0) > 0 ? 'slowdown' : 'a/a',
    index,
    runId: results.runId,
    outcome: decision.outcome,
    regressed: decision.metrics.filter((m) => m.state === 'regression').map((m) => `${m.name} ${((m.change ?? 0) * 100).toFixed(1)}%`),
    inconclusive: decision.metrics.filter((m) => m.state === 'inconclusive' || m.state === 'missing').map((m) => m.name),
    errors: decision.errors,
    ...(machineLoad ? { load1Mean: machineLoad.load1Mean } : {}),
  };
}

function trialLine(t: Trial): string {
  const load = t.load1Mean === undefined ? '' : `, load ${t.load1Mean.toFixed(1)}`;
  return `self-test: trial ${t.index} ${t.kind}: ${t.outcome}${t.regressed.length ? ` [${t.regressed.join(', ')}]` : ''} (run ${t.runId}${load})${t.errors.length ? `\n  errors: ${t.errors.join('; ')}` : ''}\n`;
}

export async function selfTest(opts: SelfTestOptions, signal: AbortSignal, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const startedAt = new Date().toISOString();
  const reps = String(opts.bench.repetitions ?? "the suite's");
  out.write(`self-test: baseline run (suite ${opts.bench.suite}, ${reps} repetitions)\n`);
  const base = await runBenchSuite({ ...opts.bench, injectSlowdownPct: 0 }, signal);
  if (signal.aborted) return 130;
  const baseline = baselineFrom(base.results, new Date(), base.machineLoad);
  const trials: Trial[] = [];
  for (let i = 1; i <= opts.trials && !signal.aborted; i++) {
    for (const pct of [0, opts.slowdownPct]) {
      if (signal.aborted) break;
      const { results, machineLoad } = await runBenchSuite({ ...opts.bench, injectSlowdownPct: pct }, signal);
      if (signal.aborted) break;
      const trial = judgeTrial(baseline, results, i, opts.practicalBand, machineLoad);
      trials.push(trial);
      out.write(trialLine(trial));
    }
  }
  const lines = summaryLines(trials, opts.slowdownPct, reps);
  out.write(`\n${lines.join('\n')}\n`);
  const path = join(opts.bench.outDir, 'gate-self-test.json');
  const record = { startedAt, finishedAt: new Date().toISOString(), options: opts, baselineRunId: baseline.runId, baselineLoad: base.machineLoad, summary: lines, trials };
  writeFileAtomic(path, JSON.stringify(record, null, 2) + '\n');
  out.write(`written: ${path}\n`);
  return signal.aborted ? 130 : 0;
}

/**
 * Judges a finished self-test again with the current gate code, from its kept runs
 * (DIR/gate-self-test.json names the baseline run; every other DIR/<run-id>/results.json
 * is a trial, its kind read from its injectSlowdownPct). No load is sent.
 */
export function rejudgeSelfTest(dir: string, practicalBand: number, out: NodeJS.WritableStream = process.stdout): number {
  const recordPath = join(dir, 'gate-self-test.json');
  if (!existsSync(recordPath)) throw new UsageError(`${recordPath} does not exist: run the self-test first`);
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as { baselineRunId: string; baselineLoad?: MachineLoad; options?: { slowdownPct?: number } };
  const baseline = baselineFrom(readResultsFile(join(dir, record.baselineRunId, 'results.json')), new Date(), record.baselineLoad);
  const runs = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== record.baselineRunId && existsSync(join(dir, e.name, 'results.json')))
    .map((e) => readResultsFile(join(dir, e.name, 'results.json')))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const counters = { 'a/a': 0, slowdown: 0 };
  const trials = runs.map((results) => {
    const trial = judgeTrial(baseline, results, 0, practicalBand);
    trial.index = ++counters[trial.kind];
    out.write(trialLine(trial));
    return trial;
  });
  const slowdown = Number(runs.find((r) => Number(r.options['injectSlowdownPct'] ?? 0) > 0)?.options['injectSlowdownPct'] ?? record.options?.slowdownPct ?? 0);
  const lines = summaryLines(trials, slowdown, String(baseline.options['repetitions'] ?? '?'));
  out.write(`\n(re-judged from the kept runs of ${dir} with the current gate)\n${lines.join('\n')}\n`);
  const path = join(dir, 'gate-self-test.rejudged.json');
  writeFileAtomic(path, JSON.stringify({ rejudgedAt: new Date().toISOString(), baselineRunId: baseline.runId, summary: lines, trials }, null, 2) + '\n');
  out.write(`written: ${path}\n`);
  return 0;
}
