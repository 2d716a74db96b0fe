/**
 * Flags of `npm run bench:ci` and `npm run baseline`: their own (baseline path, strict,
 * an existing results file, the band) plus bench flags, declared once in bench/options.ts
 * and turned into BenchOptions by the same code (typed values, no argv). The suite
 * defaults to `ci`.
 */
import { defineCommand, flagDefaults, parseFlags, usage } from '../cli-kit/command.js';
import { choiceFlag, percentFlag, restated, switchFlag, textFlag, type FlagValues } from '../cli-kit/flags.js';
import { benchFlags, benchOptionsFrom, type BenchOptions } from '../options.js';
import { UsageError } from '../errors.js';
import { suiteNames } from '../suites/index.js';

export const DEFAULT_BASELINE_PATH = 'reports/baseline.json';

export interface GateOptions {
  bench: BenchOptions;
  /** bench:ci: the baseline read; baseline: the file written. */
  baselinePath: string;
  /** Inconclusive fails (exit 1). */
  strict: boolean;
  /** Use this results.json instead of running the suite. */
  resultsPath?: string;
  /** Practical band, as a fraction (0.05 = 5%). */
  practicalBand: number;
  help: boolean;
  /** baseline: write it even on a busy machine (bench/gate/busy-machine.ts). */
  force: boolean;
}

export type GateCommandName = 'bench:ci' | 'baseline';

/** The bench flags the gate's commands take (as for `npm run bench`, the suite defaulting to ci). */
export const gateBenchFlags = {
  suite: choiceFlag({ name: 'suite', metavar: 'NAME', help: 'suite to run (default: ci)', choices: suiteNames, noun: 'suite', default: 'ci' }),
  repetitions: restated(benchFlags.repetitions, "runs per scenario, interleaved (default: the suite's)"),
  duration: restated(benchFlags.duration, 'measured seconds per run (as npm run bench)'),
  warmup: restated(benchFlags.warmup, 'warm-up seconds per run (as npm run bench)'),
  filter: restated(benchFlags.filter, 'keep scenarios by workload/strategy (as npm run bench)'),
  connections: restated(benchFlags.connections, 'connections of every closed-model load (as npm run bench)'),
  poolSize: restated(benchFlags.poolSize, 'workers of the pool strategies (as npm run bench)'),
  injectSlowdown: restated(benchFlags.injectSlowdown, "servers add P% busy work per request (the gate's self-test knob)"),
  out: restated(benchFlags.out, 'reports folder (default: reports); outputs go to DIR/gate/'),
} as const;

/** BenchOptions from the bench flags a command took: the rest at `npm run bench`'s defaults. */
export function benchOptionsWith(values: Partial<FlagValues<typeof benchFlags>>): BenchOptions {
  return benchOptionsFrom({ ...flagDefaults(benchFlags), ...values });
}

const baselineFlag = (help: string) => textFlag({ name: 'baseline', metavar: 'PATH', help, nonEmpty: 'a file path', default: DEFAULT_BASELINE_PATH });
const strictFlag = switchFlag('strict', 'an inconclusive gate fails (exit 1) instead of warning');
const bandFlag = percentFlag({ name: 'band', metavar: 'PCT', help: 'practical band: smaller drops never count (default: 5%)', min: 0, max: 100, example: '5%' });
const DEFAULT_BAND_PCT = 5;
const forceFlag = switchFlag(
  'force',
  'write it even when the machine is busy (fewer cores delivered than\nusable, load average, A/A spread); without it a busy machine exits 2',
);

const GATE_EXIT_CODES = `Exit codes: 0 pass (or inconclusive, with a warning); 1 regression (or inconclusive with
--strict); 2 harness error (bad flags, missing/corrupt/incompatible baseline, errored runs).`;

// Both commands parse every flag of the pair, so a flag of the other one is refused by name.
export const gateCommands = {
  'bench:ci': defineCommand({
    synopsis: 'npm run bench:ci -- [options]',
    flags: {
      baseline: baselineFlag(`the baseline to compare with (default: ${DEFAULT_BASELINE_PATH})`),
      strict: strictFlag,
      results: textFlag({ name: 'results', metavar: 'PATH', help: "gate this results.json (or results folder, e.g. npm run merge's)\ninstead of running the suite" }),
      band: bandFlag,
      force: restated(forceFlag, { hidden: true }),
      ...gateBenchFlags,
    },
    outro: GATE_EXIT_CODES,
  }),
  baseline: defineCommand({
    synopsis: 'npm run baseline -- [options]',
    flags: {
      baseline: baselineFlag(`where to write the baseline (default: ${DEFAULT_BASELINE_PATH})`),
      strict: restated(strictFlag, { hidden: true }),
      results: textFlag({ name: 'results', metavar: 'PATH', help: 'take the baseline from this results.json instead of running the suite' }),
      band: restated(bandFlag, { hidden: true }),
      force: forceFlag,
      ...gateBenchFlags,
    },
    outro: GATE_EXIT_CODES,
  }),
};

export function gateUsage(command: GateCommandName): string {
  return usage(gateCommands[command]);
}

export function parseGateOptions(argv: readonly string[], command: GateCommandName): GateOptions {
  const parsed = parseFlags(gateCommands[command], argv);
  if (parsed.help) return { bench: benchOptionsWith({ suite: 'ci' }), baselinePath: DEFAULT_BASELINE_PATH, strict: false, practicalBand: 0.05, help: true, force: false };
  const v = parsed.values;
  if (command === 'bench:ci' && v.force) {
    throw new UsageError('--force applies to `npm run baseline` (write a baseline on a busy machine), not to `npm run bench:ci`');
  }
  if (command === 'baseline' && (v.strict || v.band !== undefined)) {
    throw new UsageError(`--strict and --band apply to \`npm run bench:ci\`, not to \`npm run baseline\``);
  }
  const { baseline, strict, results, band, force, ...bench } = v;
  return {
    bench: benchOptionsWith(bench),
    baselinePath: baseline,
    strict,
    ...(results !== undefined ? { resultsPath: results } : {}),
    practicalBand: (band ?? DEFAULT_BAND_PCT) / 100,
    help: false,
    force,
  };
}
