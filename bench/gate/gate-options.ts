/**
 * Flags of `npm run bench:ci` and `npm run baseline`: their own (baseline path, strict,
 * an existing results file, the band) plus the bench flags they pass on, which are
 * validated by the one bench boundary (bench/options.ts). The suite defaults to `ci`.
 */
import { parseArgs } from 'node:util';
import { parseBenchOptions, type BenchOptions } from '../options.js';
import { UsageError } from '../run/errors.js';

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

const BENCH_FLAGS = ['suite', 'filter', 'duration', 'warmup', 'connections', 'repetitions', 'pool-size', 'inject-slowdown', 'out'] as const;

export function gateUsage(command: 'bench:ci' | 'baseline'): string {
  const own =
    command === 'bench:ci'
      ? `  --baseline PATH      the baseline to compare with (default: ${DEFAULT_BASELINE_PATH})
  --strict             an inconclusive gate fails (exit 1) instead of warning
  --results PATH       gate this results.json (or results folder, e.g. npm run merge's)
                       instead of running the suite
  --band PCT           practical band: smaller drops never count (default: 5%)
`
      : `  --baseline PATH      where to write the baseline (default: ${DEFAULT_BASELINE_PATH})
  --results PATH       take the baseline from this results.json instead of running the suite
  --force              write it even when the machine is busy (fewer cores delivered than
                       usable, load average, A/A spread); without it a busy machine exits 2
`;
  return `Usage: npm run ${command} -- [options]

${own}  --suite NAME         suite to run (default: ci)
  --repetitions N      runs per scenario, interleaved (default: the suite's)
  --duration S, --warmup S, --filter TERMS, --connections N, --pool-size N
                       as for \`npm run bench\`
  --inject-slowdown P  servers add P% busy work per request (the gate's self-test knob)
  --out DIR            reports folder (default: reports); outputs go to DIR/gate/
  --help               this text

Exit codes: 0 pass (or inconclusive, with a warning); 1 regression (or inconclusive with
--strict); 2 harness error (bad flags, missing/corrupt/incompatible baseline, errored runs).
`;
}

function parsePct(raw: string, flag: string): number {
  const value = Number(raw.trim().replace(/%$/, ''));
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(`--${flag} must be a percentage from 0% to 100%, e.g. 5%; got '${raw}'`);
  }
  return value / 100;
}

export function parseGateOptions(argv: string[], command: 'bench:ci' | 'baseline'): GateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        baseline: { type: 'string' },
        strict: { type: 'boolean' },
        results: { type: 'string' },
        band: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        force: { type: 'boolean' },
        ...Object.fromEntries(BENCH_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${gateUsage(command)}`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (command === 'bench:ci' && v['force'] !== undefined) {
    throw new UsageError('--force applies to `npm run baseline` (write a baseline on a busy machine), not to `npm run bench:ci`');
  }
  if (command === 'baseline' && (v['strict'] !== undefined || v['band'] !== undefined)) {
    throw new UsageError(`--strict and --band apply to \`npm run bench:ci\`, not to \`npm run baseline\``);
  }
  const benchArgv = ['--suite', String(v['suite'] ?? 'ci')];
  for (const flag of BENCH_FLAGS) {
    if (flag !== 'suite' && typeof v[flag] === 'string') benchArgv.push(`--${flag}`, v[flag]);
  }
  const baselinePath = typeof v['baseline'] === 'string' ? v['baseline'] : DEFAULT_BASELINE_PATH;
  if (baselinePath.trim() === '') throw new UsageError('--baseline must be a file path; got an empty string');
  return {
    bench: parseBenchOptions(benchArgv),
    baselinePath,
    strict: v['strict'] === true,
    ...(typeof v['results'] === 'string' ? { resultsPath: v['results'] } : {}),
    practicalBand: typeof v['band'] === 'string' ? parsePct(v['band'], 'band') : 0.05,
    help: v['help'] === true,
    force: v['force'] === true,
  };
}
