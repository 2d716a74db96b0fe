/**
 * What the gate refuses to compare, as harness errors (exit 2) rather than a verdict:
 * an unreadable or foreign results file, a run that did not complete, errored runs, a
 * baseline of another suite or schema. Invalid runs (e.g. a saturated load generator)
 * are only warnings: their samples are left out and the metric says so.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../types.js';
import type { Baseline } from './baseline.js';

export function readResultsFile(given: string): ResultsFile {
  // A results folder (e.g. the output of `npm run merge`) stands for its results.json.
  const path = existsSync(given) && statSync(given).isDirectory() ? join(given, 'results.json') : given;
  if (!existsSync(path)) throw new UsageError(`results file ${path} does not exist`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`results file ${path} is not valid JSON (${(error as Error).message})`);
  }
  const r = parsed as Partial<ResultsFile> | null;
  if (!r || r.tool !== 'loopbench' || !Array.isArray(r.runs) || !Array.isArray(r.scenarios)) {
    throw new UsageError(`results file ${path} is not a loopbench results file`);
  }
  if (r.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new UsageError(`results file ${path} has schemaVersion ${String(r.schemaVersion)}; this loopbench reads version ${RESULTS_SCHEMA_VERSION}`);
  }
  return r as ResultsFile;
}

export interface Problems {
  errors: string[];
  warnings: string[];
}

/** Problems of one results file on its own. */
export function resultsProblems(results: ResultsFile, label = 'the run'): Problems {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (results.status !== 'complete') errors.push(`${label} is ${results.status}, not complete`);
  if (results.sharding || results.segment) {
    const part = results.sharding ? `shard ${results.sharding.shard}/${results.sharding.of}` : `segment ${results.segment!.segment}/${results.segment!.of}`;
    errors.push(`${label} is ${part} only: merge every part first (npm run merge -- DIR...) and gate the merged results`);
  }
  const errored = results.runs.filter((r) => r.state === 'errored');
  if (errored.length > 0) {
    const list = errored.map((r) => `${r.scenarioId} rep ${r.repetition}: ${r.reasons.join('; ')}`).join(' | ');
    errors.push(`${errored.length} run(s) of ${label} errored: ${list}`);
  }
  const invalid = results.runs.filter((r) => r.state === 'invalid');
  if (invalid.length > 0) {
    const list = invalid.map((r) => `${r.scenarioId} rep ${r.repetition}: ${r.reasons.join('; ')}`).join(' | ');
    warnings.push(`${invalid.length} invalid run(s) of ${label} left out: ${list}`);
  }
  return { errors, warnings };
}

/** Whether a baseline and a results file can be compared at all. */
export function comparabilityProblems(baseline: Baseline, results: ResultsFile, baselinePath: string): Problems {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (baseline.suite !== results.suite) {
    errors.push(`baseline ${baselinePath} is of suite '${baseline.suite}', this run of suite '${results.suite}'; regenerate it with \`npm run baseline\``);
  }
  if (baseline.resultsSchemaVersion !== results.schemaVersion) {
    errors.push(`baseline ${baselinePath} was taken from results schemaVersion ${baseline.resultsSchemaVersion}, this run has ${results.schemaVersion}; regenerate it with \`npm run baseline\``);
  }
  const baseSlowdown = Number(baseline.options['injectSlowdownPct'] ?? 0);
  if (baseSlowdown > 0) warnings.push(`the baseline was taken with --inject-slowdown ${baseSlowdown}%`);
  if (baseline.machine.usableCores !== results.machine.usableCores) {
    warnings.push(`the baseline had ${baseline.machine.usableCores} usable cores, this machine ${results.machine.usableCores}: efficiencies account for it, speedups may not`);
  }
  return { errors, warnings };
}
