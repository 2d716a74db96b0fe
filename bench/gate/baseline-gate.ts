/**
 * `npm run bench:ci` and `npm run baseline`: run the ci suite (or read a results file),
 * then either compare it with the committed baseline or write a new baseline.
 * The baseline is read before any load is sent, so a bad one fails in a second (exit 2).
 */
import os from 'node:os';
import { join } from 'node:path';
import { calibrateCpu } from '../run/calibrate-cpu.js';
import { LoopbenchError } from '../errors.js';
import type { ResultsFile } from '../types.js';
import { baselineFrom, loadBaseline, writeBaseline, type Baseline } from './baseline.js';
import { decideGate } from './decide.js';
import type { GateOptions } from './gate-options.js';
import { comparabilityProblems, readResultsFile, resultsProblems } from './inputs.js';
import { extractMetrics, summarizeMetric } from './metrics.js';
import { writeGateOutputs } from './outputs/index.js';
import { markdownSummary } from './outputs/markdown.js';
import { exitCodeOf, latencyInfo, type GateReport } from './report.js';
import { busyMachineReasons, machineBeforeSuite, machineDuringRun } from './busy-machine.js';
import { describeLoad, runBenchSuite, type MachineLoad } from './run-ci-suite.js';

const short = (commit: string | null | undefined) => (commit ? commit.slice(0, 12) : 'unknown commit');

function slowdownOf(results: ResultsFile): number {
  return Number(results.options['injectSlowdownPct'] ?? 0);
}

/**
 * Same CPU model: the current cpu efficiencies are put in the baseline's calibration
 * units (metrics.ts, ExtractOptions), so a calibration that came out a few % off in one
 * session is not read as a regression. Another CPU: each keeps its own calibration.
 */
function calibrationNote(baseline: Baseline, results: ResultsFile): { normalize: boolean; note?: string } {
  const base = baseline.calibration?.nsPerIteration;
  const own = results.calibration?.nsPerIteration;
  if (!base || !own) return { normalize: false };
  const drift = `${own.toFixed(1)} vs ${base.toFixed(1)} ns/iteration (${own >= base ? '+' : ''}${((own / base - 1) * 100).toFixed(1)}%)`;
  if (baseline.machine.cpuModel !== results.machine.cpuModel) {
    return { normalize: false, note: `CPU calibration ${drift} on another CPU model: cpu efficiencies use each run's own calibration` };
  }
  return { normalize: true, note: `CPU calibration ${drift}: this run's cpu efficiencies are expressed in the baseline's calibration (same CPU model)` };
}

/** The gate on a baseline and a results file (pure: no load, no files). */
export function gateReport(
  baseline: Baseline,
  results: ResultsFile,
  opts: Pick<GateOptions, 'baselinePath' | 'strict' | 'practicalBand'>,
  machineLoad?: MachineLoad,
): GateReport {
  const own = resultsProblems(results);
  const pair = comparabilityProblems(baseline, results, opts.baselinePath);
  const calibration = calibrationNote(baseline, results);
  const referenceCalibration = calibration.normalize ? baseline.calibration : undefined;
  const current = extractMetrics(results, referenceCalibration ? { referenceCalibration } : {});
  const decision = decideGate(baseline, current, { practicalBand: opts.practicalBand });
  decision.errors.push(...own.errors, ...pair.errors);
  decision.warnings.push(...own.warnings, ...pair.warnings);
  if (decision.errors.length > 0) decision.outcome = 'error';
  const reps = baseline.options['repetitions'];
  const slowdown = slowdownOf(results);
  const notes = slowdown > 0 ? [`this run injected a ${slowdown}% slowdown (--inject-slowdown): a regression is expected`] : [];
  if (calibration.note) notes.push(calibration.note);
  for (const [label, load] of [['baseline', baseline.machineLoad], ['this run', machineLoad]] as const) {
    if (!load) continue;
    const { note, busy } = describeLoad(label, load);
    notes.push(note);
    if (busy) decision.warnings.push(`the machine was busy during ${label} (other processes competed for the CPU): its figures carry their noise and drift`);
  }
  return {
    title: 'loopbench CI gate',
    suite: results.suite,
    baselineLabel: `baseline ${opts.baselinePath} (${short(baseline.machine.gitCommit)}, ${baseline.createdAt.slice(0, 10)}, ${String(reps ?? '?')} repetitions)`,
    currentLabel: `run ${results.runId} (${short(results.machine.gitCommit)}, ${String(results.options['repetitions'] ?? '?')} repetitions)`,
    decision,
    strict: opts.strict,
    info: latencyInfo([results]),
    notes,
  };
}

export async function runGate(opts: GateOptions, signal: AbortSignal, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const baseline = loadBaseline(opts.baselinePath);
  const { results, machineLoad } = opts.resultsPath ? { results: readResultsFile(opts.resultsPath), machineLoad: undefined } : await runBenchSuite(opts.bench, signal);
  const report = gateReport(baseline, results, opts, machineLoad);
  const written = writeGateOutputs(report, join(opts.bench.outDir, 'gate'));
  out.write(`\n${markdownSummary(report)}\noutputs: ${written.join(', ')}\n`);
  if (signal.aborted) return 130;
  return exitCodeOf(report.decision.outcome, opts.strict);
}

/** A baseline needs every metric measured at least twice: its noise is the gate's tolerance. */
export const MIN_BASELINE_SAMPLES = 2;

export async function takeBaseline(opts: GateOptions, signal: AbortSignal, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  // A busy machine is refused before the suite runs (minutes saved) and after (the
  // parallelism control interleaved with the cpu runs, the A/A check), unless --force.
  const refuse = (when: string, reasons: string[]) => {
    if (reasons.length === 0) return;
    if (opts.force) {
      out.write(`WARNING: writing the baseline on a busy machine (--force): ${reasons.join('; ')}\n`);
      return;
    }
    throw new LoopbenchError('E_HARNESS', `baseline not written: the machine is busy ${when}: ${reasons.join('; ')}. Stop what else is running and try again, or pass --force`);
  };
  if (!opts.resultsPath) refuse('before the suite', busyMachineReasons(await machineBeforeSuite(os.availableParallelism())));
  const { results, machineLoad } = opts.resultsPath ? { results: readResultsFile(opts.resultsPath), machineLoad: undefined } : await runBenchSuite(opts.bench, signal);
  if (signal.aborted) return 130;
  refuse('during the suite', busyMachineReasons(machineDuringRun(results)));
  const { errors, warnings } = resultsProblems(results);
  if (errors.length > 0) throw new LoopbenchError('E_HARNESS', `baseline not written: ${errors.join('; ')}`);
  const baseline = baselineFrom(results, new Date(), machineLoad);
  if (machineLoad) {
    const { note, busy } = describeLoad('baseline', machineLoad);
    out.write(`${note}\n`);
    if (busy) warnings.push('the machine was busy while the baseline ran: its spread is wider than the code alone would give (consider re-taking it on a quiet machine)');
  }
  const thin = baseline.metrics.filter((m) => m.samples.length < MIN_BASELINE_SAMPLES);
  if (thin.length > 0) {
    throw new LoopbenchError(
      'E_HARNESS',
      `baseline not written: ${thin.map((m) => `${m.name} has ${m.samples.length} valid sample(s)`).join(', ')}; at least ${MIN_BASELINE_SAMPLES} each are needed (re-run, or raise --repetitions)`,
    );
  }
  // The calibration sets every cpu request's work: one that came out a few % off shifts
  // every cpu efficiency the baseline holds (other machines cannot correct for it).
  if (results.calibration && !opts.resultsPath) {
    const again = calibrateCpu().nsPerIteration;
    const drift = again / results.calibration.nsPerIteration - 1;
    if (Math.abs(drift) > opts.practicalBand) {
      warnings.push(
        `the CPU calibration moved ${(drift * 100).toFixed(1)}% between the start and the end of the run (${results.calibration.nsPerIteration.toFixed(1)} -> ${again.toFixed(1)} ns/iteration): the cpu efficiencies of this baseline may be off by as much; consider re-taking it`,
      );
    }
  }
  if (slowdownOf(results) > 0) warnings.push(`this baseline was taken with --inject-slowdown ${slowdownOf(results)}%: do not commit it`);
  writeBaseline(opts.baselinePath, baseline);
  const lines = baseline.metrics.map((m) => {
    const s = summarizeMetric(m.samples)!;
    return `  ${m.name}: ${s.value.toPrecision(3)} [${s.ciLow.toPrecision(3)}-${s.ciHigh.toPrecision(3)}] n=${s.n}`;
  });
  for (const w of warnings) out.write(`WARNING: ${w}\n`);
  out.write(`baseline written: ${opts.baselinePath} (suite ${baseline.suite}, run ${baseline.runId}, ${baseline.metrics.length} metrics)\n${lines.join('\n')}\n`);
  return 0;
}
