/**
 * The one boundary where command-line flags (unknown strings) become typed options.
 * Every message names the flag, the rule and the allowed values; errors are UsageError
 * (exit 2, nothing started).
 */
import { parseArgs } from 'node:util';
import { strategyNames } from '../servers/strategies/index.js';
import { workloadNames } from '../servers/workloads/index.js';
import { referenceServers } from './paths.js';
import { UsageError } from './run/errors.js';
import { suiteNames, type SuiteName } from './suites/index.js';

export interface BenchOptions {
  suite: SuiteName;
  /** Workloads to keep (empty: all). */
  workloads: string[];
  /** Strategies to keep (empty: all). */
  strategies: string[];
  durationS?: number;
  warmupS?: number;
  connections?: number;
  repetitions?: number;
  poolSize?: number;
  /**
   * Gate self-test knob: servers add busy work of this % of each request's event-loop
   * time (servers/route.ts); 0 or absent = none. The parser always sets it, so it is
   * recorded in results.options.
   */
  injectSlowdownPct?: number;
  /** Folder that receives `<run-id>/` and the `latest` link. */
  outDir: string;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --suite NAME         ${suiteNames.join(' | ')} (default: default)
  --filter TERMS       keep scenarios by workload and/or strategy, comma-separated,
                       e.g. --filter sleep,async  or  --filter cpu/worker-threads
                       workloads: ${workloadNames.join(', ')}
                       strategies: ${[...strategyNames, ...Object.keys(referenceServers)].join(', ')}
  --duration S         measured seconds per run (overrides the suite)
  --warmup S           warm-up seconds per run (overrides the suite)
  --connections N      connections of every closed-model load (overrides the suite)
  --repetitions N      runs per scenario, interleaved (overrides the suite)
  --pool-size N        workers for worker-threads / child-process / cluster (default: cores)
  --inject-slowdown P  add busy work of P% (0-1000%) of each request's event-loop time
                       in the server, e.g. 10%: the gate's self-test knob (default: 0%)
  --out DIR            reports folder (default: reports)
  --help               this text
`;

function positiveNumber(flag: string, raw: string | undefined, { integer = false, min = 0, max = Infinity } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const kind = integer ? 'an integer' : 'a number';
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value <= min || value > max) {
    const range = max === Infinity ? `> ${min}` : `> ${min} and <= ${max}`;
    throw new UsageError(`--${flag} must be ${kind} ${range}; got '${raw}'`);
  }
  return value;
}

/** `10%` or `10` → 10; the allowed range is 0–1000%. */
export function parseSlowdownPct(raw: string | undefined, flag = 'inject-slowdown'): number {
  if (raw === undefined) return 0;
  const text = raw.trim().replace(/%$/, '');
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || value > 1000) {
    throw new UsageError(`--${flag} must be a percentage from 0% to 1000%, e.g. 10%; got '${raw}'`);
  }
  return value;
}

function parseFilter(raw: string | undefined): { workloads: string[]; strategies: string[] } {
  const workloads: string[] = [];
  const strategies: string[] = [];
  if (raw === undefined) return { workloads, strategies };
  const knownStrategies = [...strategyNames, ...Object.keys(referenceServers)] as string[];
  for (const term of raw.split(/[,/]/).map((t) => t.trim()).filter(Boolean)) {
    if ((workloadNames as string[]).includes(term)) workloads.push(term);
    else if (knownStrategies.includes(term)) strategies.push(term);
    else {
      throw new UsageError(
        `--filter: unknown term '${term}'; allowed workloads: ${workloadNames.join(', ')}; strategies: ${knownStrategies.join(', ')}`,
      );
    }
  }
  return { workloads, strategies };
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        suite: { type: 'string' },
        filter: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        repetitions: { type: 'string' },
        'pool-size': { type: 'string' },
        'inject-slowdown': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const v = parsed.values;
  const suite = v.suite ?? 'default';
  if (!(suiteNames as string[]).includes(suite)) {
    throw new UsageError(`--suite: unknown suite '${suite}'; allowed: ${suiteNames.join(', ')}`);
  }
  const warmupS = v.warmup === '0' ? 0 : positiveNumber('warmup', v.warmup, { max: 600 });
  const options: BenchOptions = {
    suite: suite as SuiteName,
    ...parseFilter(v.filter),
    injectSlowdownPct: parseSlowdownPct(v['inject-slowdown']),
    outDir: v.out ?? 'reports',
    help: v.help ?? false,
  };
  const durationS = positiveNumber('duration', v.duration, { max: 3600 });
  const connections = positiveNumber('connections', v.connections, { integer: true, min: 0, max: 100_000 });
  const repetitions = positiveNumber('repetitions', v.repetitions, { integer: true, min: 0, max: 1000 });
  const poolSize = positiveNumber('pool-size', v['pool-size'], { integer: true, min: 0, max: 256 });
  if (durationS !== undefined) options.durationS = durationS;
  if (warmupS !== undefined) options.warmupS = warmupS;
  if (connections !== undefined) options.connections = connections;
  if (repetitions !== undefined) options.repetitions = repetitions;
  if (poolSize !== undefined) options.poolSize = poolSize;
  if (v.out !== undefined && v.out.trim() === '') throw new UsageError('--out must be a folder path; got an empty string');
  return options;
}
