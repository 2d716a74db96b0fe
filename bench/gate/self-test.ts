/**
 * The gate's self-test (a benchmark, not a unit test): take a baseline in this session,
 * then run T trials of identical code (A/A: any regression is a false alarm) and T
 * trials with `--inject-slowdown P%` (a regression must be found), alternating, each
 * trial a short gate run judged by the real gate (gateReport). Prints the detection rate
 * and the false-alarm rate with Wilson 95% intervals, and writes them as JSON.
 */
import { join } from 'node:path';
import type { BenchOptions } from '../options.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { baselineFrom } from './baseline.js';
import { gateReport } from './baseline-gate.js';
import type { GateOutcome } from './decide.js';
import { runBenchSuite } from './run-ci-suite.js';

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
  outcome: GateOutcome;
  /** Metrics the gate flagged (regression) or could not decide (inconclusive). */
  regressed: string[];
  inconclusive: string[];
  durationS: number;
  /** Mean 1-minute load average during the trial's run. */
  load1Mean: number;
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

export async function selfTest(opts: SelfTestOptions, signal: AbortSignal, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const startedAt = new Date().toISOString();
  out.write(`self-test: baseline run (suite ${opts.bench.suite}, ${opts.bench.repetitions ?? 'the suite\'s'} repetitions)\n`);
  const base = await runBenchSuite({ ...opts.bench, injectSlowdownPct: 0 }, signal);
  if (signal.aborted) return 130;
  const baseline = baselineFrom(base.results, new Date(), base.machineLoad);
  const trials: Trial[] = [];
  for (let i = 1; i <= opts.trials && !signal.aborted; i++) {
    for (const kind of ['a/a', 'slowdown'] as const) {
      if (signal.aborted) break;
      const t0 = performance.now();
      const pct = kind === 'slowdown' ? opts.slowdownPct : 0;
      const { results, machineLoad } = await runBenchSuite({ ...opts.bench, injectSlowdownPct: pct }, signal);
      if (signal.aborted) break;
      const { decision } = gateReport(baseline, results, { baselinePath: '(self-test baseline)', strict: false, practicalBand: opts.practicalBand }, machineLoad);
      const trial: Trial = {
        kind,
        index: i,
        outcome: decision.outcome,
        regressed: decision.metrics.filter((m) => m.state === 'regression').map((m) => `${m.name} ${((m.change ?? 0) * 100).toFixed(1)}%`),
        inconclusive: decision.metrics.filter((m) => m.state === 'inconclusive' || m.state === 'missing').map((m) => m.name),
        durationS: (performance.now() - t0) / 1000,
        load1Mean: machineLoad.load1Mean,
      };
      trials.push(trial);
      if (decision.errors.length) out.write(`  errors: ${decision.errors.join('; ')}\n`);
      out.write(`self-test: trial ${i} ${kind}: ${trial.outcome}${trial.regressed.length ? ` [${trial.regressed.join(', ')}]` : ''} (${trial.durationS.toFixed(0)} s, load ${trial.load1Mean.toFixed(1)})\n`);
    }
  }
  const aa = trials.filter((t) => t.kind === 'a/a');
  const slow = trials.filter((t) => t.kind === 'slowdown');
  const count = (ts: Trial[], o: GateOutcome) => ts.filter((t) => t.outcome === o).length;
  const lines = [
    `gate self-test: ${slow.length} trials with --inject-slowdown ${opts.slowdownPct}%, ${aa.length} A/A trials; ${opts.bench.repetitions ?? 'the suite\'s'} repetitions per run`,
    rateLine('detection rate (slowdown -> regression, exit 1)', count(slow, 'regression'), slow.length),
    rateLine('false-alarm rate (A/A -> regression, exit 1)', count(aa, 'regression'), aa.length),
    `inconclusive (exit 0 with a warning): A/A ${count(aa, 'inconclusive')}/${aa.length}, slowdown ${count(slow, 'inconclusive')}/${slow.length}; harness errors: ${count(trials, 'error')}`,
  ];
  out.write(`\n${lines.join('\n')}\n`);
  const path = join(opts.bench.outDir, 'gate-self-test.json');
  writeFileAtomic(path, JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), options: opts, baselineRunId: baseline.runId, baselineLoad: base.machineLoad, summary: lines, trials }, null, 2) + '\n');
  out.write(`written: ${path}\n`);
  return signal.aborted ? 130 : 0;
}
