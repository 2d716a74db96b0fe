/** Flags of `npm run compare` (declared once; the bench flags as bench/options.ts declares them). */
import { defineCommand, parseFlags, usage } from '../cli-kit/command.js';
import { choiceFlag, numberFlag, percentFlag, switchFlag, textFlag } from '../cli-kit/flags.js';
import { UsageError } from '../errors.js';
import { suiteNames } from '../suites/index.js';
import { benchOptionsWith, gateBenchFlags } from './gate-options.js';

export interface CompareOptions {
  /** The git ref to compare the current tree with. */
  base: string;
  /** Runs per side (each a whole pass over the suite, one repetition). */
  runs: number;
  suite: string;
  /** Whether --suite was given (no fallback to `quick` then). */
  suiteExplicit: boolean;
  /**
   * --filter, --duration, --warmup for both trees' CLI, written from the typed values: the
   * base tree is another build of loopbench, so its command line is the only interface.
   */
  benchArgs: string[];
  strict: boolean;
  practicalBand: number;
  outDir: string;
  help: boolean;
}

export const compareCommand = defineCommand({
  synopsis: 'npm run compare -- --base <git-ref> [options]',
  flags: {
    base: textFlag({ name: 'base', metavar: 'REF', help: 'branch, tag or commit to compare with (e.g. main, HEAD~1)' }),
    runs: numberFlag({
      name: 'runs',
      metavar: 'N',
      help: 'runs per side, interleaved base/current (default: 5)',
      kind: 'integer',
      min: 2,
      max: 100,
      why: 'a side needs 2 runs to measure noise',
      default: 5,
    }),
    // No default: without --suite the base may fall back to quick (compare-refs.ts).
    suite: choiceFlag({ name: 'suite', metavar: 'NAME', help: "suite both trees run (default: ci; 'quick' if the base lacks ci)", choices: suiteNames, noun: 'suite' }),
    filter: gateBenchFlags.filter,
    duration: gateBenchFlags.duration,
    warmup: gateBenchFlags.warmup,
    band: percentFlag({ name: 'band', metavar: 'PCT', help: 'practical band: smaller drops never count (default: 5%)', min: 0, max: 100, example: '5%', default: 5 }),
    strict: switchFlag('strict', 'an inconclusive comparison fails (exit 1)'),
    out: textFlag({ name: 'out', metavar: 'DIR', help: 'reports folder (default: reports); outputs go to DIR/compare/', nonEmpty: 'a folder path', default: 'reports' }),
  },
  outro: `Exit codes: 0 pass (or inconclusive, with a warning); 1 regression (or inconclusive with
--strict); 2 harness error (unknown ref, failed install/build, errored runs).`,
});

export const COMPARE_USAGE = usage(compareCommand);

export function parseCompareOptions(argv: readonly string[]): CompareOptions {
  const parsed = parseFlags(compareCommand, argv);
  if (parsed.help) return { base: '', runs: 5, suite: 'ci', suiteExplicit: false, benchArgs: [], strict: false, practicalBand: 0.05, outDir: 'reports', help: true };
  const v = parsed.values;
  if (v.base === undefined || v.base.trim() === '') throw new UsageError(`--base <git-ref> is required\n\n${COMPARE_USAGE}`);
  const suite = v.suite ?? 'ci';
  // Validated here with the current tree's rules, so a typo fails before any checkout.
  benchOptionsWith({ filter: v.filter, duration: v.duration, warmup: v.warmup });
  const benchArgs: string[] = [];
  if (v.filter.workloads.length + v.filter.strategies.length > 0) benchArgs.push('--filter', [...v.filter.workloads, ...v.filter.strategies].join(','));
  if (v.duration !== undefined) benchArgs.push('--duration', String(v.duration));
  if (v.warmup !== undefined) benchArgs.push('--warmup', String(v.warmup));
  return {
    base: v.base,
    runs: v.runs,
    suite,
    suiteExplicit: v.suite !== undefined,
    benchArgs,
    strict: v.strict,
    practicalBand: v.band / 100,
    outDir: v.out,
    help: false,
  };
}
