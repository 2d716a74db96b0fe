/** Flags of `npm run compare` (validated once; bench flags are checked by each tree's CLI too). */
import { parseArgs } from 'node:util';
import { parseBenchOptions } from '../options.js';
import { UsageError } from '../run/errors.js';

export interface CompareOptions {
  /** The git ref to compare the current tree with. */
  base: string;
  /** Runs per side (each a whole pass over the suite, one repetition). */
  runs: number;
  suite: string;
  /** Whether --suite was given (no fallback to `quick` then). */
  suiteExplicit: boolean;
  /** Flags passed to both trees' CLI: --filter, --duration, --warmup. */
  benchArgs: string[];
  strict: boolean;
  practicalBand: number;
  outDir: string;
  help: boolean;
}

export const COMPARE_USAGE = `Usage: npm run compare -- --base <git-ref> [options]

  --base REF           branch, tag or commit to compare with (e.g. main, HEAD~1)
  --runs N             runs per side, interleaved base/current (default: 5)
  --suite NAME         suite both trees run (default: ci; 'quick' if the base lacks ci)
  --filter TERMS       keep scenarios by workload/strategy (as npm run bench)
  --duration S         measured seconds per run (as npm run bench)
  --warmup S           warm-up seconds per run (as npm run bench)
  --band PCT           practical band: smaller drops never count (default: 5%)
  --strict             an inconclusive comparison fails (exit 1)
  --out DIR            reports folder (default: reports); outputs go to DIR/compare/
  --help               this text

Exit codes: 0 pass (or inconclusive, with a warning); 1 regression (or inconclusive with
--strict); 2 harness error (unknown ref, failed install/build, errored runs).
`;

export function parseCompareOptions(argv: string[]): CompareOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        runs: { type: 'string' },
        suite: { type: 'string' },
        filter: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        band: { type: 'string' },
        strict: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${COMPARE_USAGE}`);
  }
  const v = parsed.values;
  const help = v.help ?? false;
  if (!help && (v.base === undefined || v.base.trim() === '')) throw new UsageError(`--base <git-ref> is required\n\n${COMPARE_USAGE}`);
  const runs = v.runs === undefined ? 5 : Number(v.runs);
  if (!Number.isInteger(runs) || runs < 2 || runs > 100) throw new UsageError(`--runs must be an integer from 2 to 100 (a side needs 2 runs to measure noise); got '${v.runs}'`);
  const benchArgs: string[] = [];
  if (v.filter !== undefined) benchArgs.push('--filter', v.filter);
  if (v.duration !== undefined) benchArgs.push('--duration', v.duration);
  if (v.warmup !== undefined) benchArgs.push('--warmup', v.warmup);
  // Validate here too, with the current tree's rules, so a typo fails before any checkout.
  const suite = v.suite ?? 'ci';
  parseBenchOptions(['--suite', suite, ...benchArgs]);
  const band = v.band === undefined ? 5 : Number(v.band.trim().replace(/%$/, ''));
  if (!Number.isFinite(band) || band < 0 || band > 100) throw new UsageError(`--band must be a percentage from 0% to 100%; got '${v.band}'`);
  return {
    base: v.base ?? '',
    runs,
    suite,
    suiteExplicit: v.suite !== undefined,
    benchArgs,
    strict: v.strict ?? false,
    practicalBand: band / 100,
    outDir: v.out ?? 'reports',
    help,
  };
}
