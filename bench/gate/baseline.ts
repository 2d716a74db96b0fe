/**
 * The committed baseline (reports/baseline.json): the gate metrics of one ci-suite run,
 * with their per-run samples (the gate's tolerance comes from their spread). Written
 * atomically; read with every check a hand-edited or truncated file could fail, so a bad
 * baseline is a clear harness error (exit 2), never a silent pass.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.js';
import { LoopbenchError } from '../errors.js';
import type { CpuCalibration, MachineFacts, ResultsFile } from '../types.js';
import { extractMetrics, type ClaimState, type GateMetric } from './metrics.js';
import type { MachineLoad } from './run-ci-suite.js';

export const BASELINE_SCHEMA_VERSION = 1;

export interface Baseline {
  tool: 'loopbench';
  kind: 'gate-baseline';
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  /** schemaVersion of the results file the metrics came from. */
  resultsSchemaVersion: number;
  suite: string;
  /** Run id of the results the baseline was taken from. */
  runId: string;
  createdAt: string;
  machine: MachineFacts;
  /** The resolved options of that run (repetitions, injectSlowdownPct...). */
  options: Record<string, unknown>;
  metrics: GateMetric[];
  claims: ClaimState[];
  /** The CPU calibration of the baseline's run: current cpu efficiencies are expressed in it on the same CPU model. */
  calibration?: CpuCalibration;
  /** How busy the machine was while the baseline ran (absent when taken from a results file). */
  machineLoad?: MachineLoad;
}

/** A missing, corrupt or incompatible baseline: exit 2. */
export class BaselineError extends LoopbenchError {
  constructor(message: string) {
    super('E_BASELINE', message);
    this.name = 'BaselineError';
  }
}

export function baselineFrom(results: ResultsFile, now = new Date(), machineLoad?: MachineLoad): Baseline {
  const { metrics, claims } = extractMetrics(results);
  return {
    tool: 'loopbench',
    kind: 'gate-baseline',
    schemaVersion: BASELINE_SCHEMA_VERSION,
    resultsSchemaVersion: results.schemaVersion,
    suite: results.suite,
    runId: results.runId,
    createdAt: now.toISOString(),
    machine: results.machine,
    options: results.options,
    metrics,
    claims,
    ...(results.calibration ? { calibration: results.calibration } : {}),
    ...(machineLoad ? { machineLoad } : {}),
  };
}

/** Writes the baseline so that a reader sees the old file or the new one, never half of it. */
export function writeBaseline(path: string, baseline: Baseline): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, JSON.stringify(baseline, null, 2) + '\n');
}

const REFRESH = 'regenerate it with `npm run baseline`';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkMetric(value: unknown, index: number, path: string): GateMetric {
  const where = `baseline ${path}: metrics[${index}]`;
  if (!isRecord(value)) throw new BaselineError(`${where} must be an object; ${REFRESH}`);
  if (typeof value['name'] !== 'string' || value['name'] === '') throw new BaselineError(`${where}.name must be a non-empty string; ${REFRESH}`);
  if (value['kind'] !== 'efficiency' && value['kind'] !== 'ratio') throw new BaselineError(`${where}.kind must be 'efficiency' or 'ratio'; ${REFRESH}`);
  const samples = value['samples'];
  if (!Array.isArray(samples) || !samples.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0)) {
    throw new BaselineError(`${where}.samples must be an array of finite numbers > 0; ${REFRESH}`);
  }
  return value as unknown as GateMetric;
}

/** Reads and validates a baseline; throws BaselineError naming the file and the problem. */
export function loadBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new BaselineError(`baseline ${path} does not exist; create it with \`npm run baseline\``);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BaselineError(`baseline ${path} is not valid JSON (${(error as Error).message}); ${REFRESH}`);
  }
  if (!isRecord(parsed) || parsed['tool'] !== 'loopbench' || parsed['kind'] !== 'gate-baseline') {
    throw new BaselineError(`baseline ${path} is not a loopbench gate baseline (expected tool 'loopbench', kind 'gate-baseline'); ${REFRESH}`);
  }
  if (parsed['schemaVersion'] !== BASELINE_SCHEMA_VERSION) {
    throw new BaselineError(
      `baseline ${path} has schemaVersion ${JSON.stringify(parsed['schemaVersion'])}; this loopbench reads version ${BASELINE_SCHEMA_VERSION}: ${REFRESH}`,
    );
  }
  if (typeof parsed['suite'] !== 'string') throw new BaselineError(`baseline ${path}: suite must be a string; ${REFRESH}`);
  if (!Array.isArray(parsed['metrics'])) throw new BaselineError(`baseline ${path}: metrics must be an array; ${REFRESH}`);
  if (parsed['metrics'].length === 0) throw new BaselineError(`baseline ${path} holds no metrics; ${REFRESH}`);
  parsed['metrics'].forEach((m, i) => checkMetric(m, i, path));
  const claims = parsed['claims'] ?? [];
  if (!Array.isArray(claims) || !claims.every((c) => isRecord(c) && typeof c['id'] === 'string' && typeof c['verdict'] === 'string')) {
    throw new BaselineError(`baseline ${path}: claims must be an array of {id, verdict}; ${REFRESH}`);
  }
  const calibration = parsed['calibration'];
  if (calibration !== undefined && !(isRecord(calibration) && typeof calibration['nsPerIteration'] === 'number' && calibration['nsPerIteration'] > 0)) {
    throw new BaselineError(`baseline ${path}: calibration.nsPerIteration must be a number > 0; ${REFRESH}`);
  }
  const load = parsed['machineLoad'];
  if (load !== undefined && !(isRecord(load) && ['load1Mean', 'load1Max', 'usableCores'].every((k) => typeof load[k] === 'number'))) {
    throw new BaselineError(`baseline ${path}: machineLoad must be {load1Mean, load1Max, usableCores}; ${REFRESH}`);
  }
  return { ...(parsed as unknown as Baseline), claims: claims as Baseline['claims'] };
}
