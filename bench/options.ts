/**
 * The one boundary where command-line flags (unknown strings) become typed options.
 * Every message names the flag, the rule and the allowed values; errors are UsageError
 * (exit 2, nothing started).
 */
import { parseArgs } from 'node:util';
import { strategyNames } from '../servers/strategies/index.js';
import type { Runtime } from '../servers/strategies/types.js';
import { workloadNames } from '../servers/workloads/index.js';
import { claimIds, isClaimId, type ClaimId } from './claims/index.js';
import { referenceServers } from './paths.js';
import { UsageError } from './run/errors.js';
import { parseThreads } from './run/generator-threads.js';
import { closedDriverNames, DEFAULT_CLOSED_DRIVER, type ClosedDriverName } from './run/load-drivers.js';
import { DEFAULT_SUITE, RENAMED_SUITES, suiteNames, type SuiteName } from './suites/index.js';
import { parsePartSpec, type PartSpec } from './shard.js';
import { parseStartAt } from './segment.js';
import { parseTarget } from './target-options.js';
import type { ArrivalRamp, ExternalTarget } from './types.js';

export interface BenchOptions {
  suite: SuiteName;
  /** Workloads to keep (empty: all). */
  workloads: string[];
  /** Strategies to keep (empty: all). */
  strategies: string[];
  /** `--claims C3,C12`: run only what these claims need (empty: the whole suite). */
  claims: ClaimId[];
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
  /** Open model: requests per second (turns every load into a `rate` load). */
  ratePerS?: number;
  arrival: 'uniform' | 'poisson';
  /** Open model, `--ramp-to R2 --ramp-s D`: the rate rises from --rate to R2 over D s (k6 ramping-arrival-rate). */
  ramp?: ArrivalRamp;
  /** Open model: bound on connections. */
  maxConnections: number;
  /** `--db postgres`: db scenarios use PostgreSQL (DATABASE_URL or the local cluster). */
  db?: 'sqlite' | 'postgres';
  /** `--target URL`: measure an external server instead of a suite. */
  target?: ExternalTarget;
  /** Skip the load-generator ceiling measurement at suite start. */
  skipCeiling: boolean;
  /** Run the A/A noise check at suite start. */
  aaCheck: boolean;
  /** `--driver`: the closed-model load driver (recorded in results.options). */
  closedDriver: ClosedDriverName;
  /** `--threads`: load-generator threads (default 1; bench/run/generator-threads.ts). */
  threads: number;
  /** `--runtime`: the servers' runtime kept (`all`: Node.js, and Python where provisioned). */
  runtime: RuntimeChoice;
  /** Runtimes the suite has but this machine cannot run, with why (set by the CLI, recorded in results.options). */
  notMeasured?: { runtime: Runtime; reason: string }[];
  /** `--shard i/n`: run only part i of n of the plan (bench/shard.ts). */
  shard?: PartSpec;
  /** `--segment i/n`: this generator sends part i of n of each load (bench/segment.ts); needs --target. */
  segment?: PartSpec;
  /** `--start-at`: epoch ms at which the first load starts (segments start together). */
  startAtMs?: number;
}

export const runtimeChoices = ['all', 'node', 'python'] as const;
export type RuntimeChoice = (typeof runtimeChoices)[number];

export const USAGE = `Usage: npm run bench -- [options]

  --suite NAME         ${suiteNames.join(' | ')} (default: ${DEFAULT_SUITE}, the first run;
                       full is the long one: more repetitions, sweeps, 10,000 connections)
  --filter TERMS       keep scenarios by workload and/or strategy, comma-separated,
                       e.g. --filter sleep,async  or  --filter cpu/worker-threads
                       workloads: ${workloadNames.join(', ')}
                       strategies: ${[...strategyNames, ...Object.keys(referenceServers)].join(', ')}
  --claims IDS         run only what these claims need, comma-separated, e.g. --claims C3,C12
                       (${claimIds[0]}..${claimIds[claimIds.length - 1]}; verdicts are printed after the table)
  --duration S         measured seconds per run (overrides the suite)
  --warmup S           warm-up seconds per run (overrides the suite)
  --connections N      connections of every closed-model load (overrides the suite)
  --repetitions N      runs per scenario, interleaved (overrides the suite)
  --runtime NAME       all | node | python: the servers' runtime (default: all; Python
                       where provisioned: npm run setup installs Debian's python3-fastapi ...)
  --pool-size N        workers for worker-threads / child-process / cluster (default: cores)
  --inject-slowdown P  add busy work of P% (0-1000%) of each request's event-loop time
                       in the server, e.g. 10%: the gate's self-test knob (default: 0%)
  --out DIR            reports folder (default: reports)
  --rate R             open model: R requests/s whatever the server does (wrk2-style latency)
  --arrival KIND       uniform | poisson (default: uniform), with --rate
  --ramp-to R2         with --rate R1 and --ramp-s D: the arrival rate rises linearly from
                       R1 to R2 req/s over the first D s of the window, then holds R2
  --ramp-s D           the ramp's duration, s (with --ramp-to)
  --max-connections N  open model: at most N connections (default: 256)
  --driver NAME        closed model's load driver: ${closedDriverNames.join(' | ')} (default: ${DEFAULT_CLOSED_DRIVER});
                       lean is hand-written on node:net, autocannon costs ~2x its CPU per request
  --threads N          load-generator threads, as wrk's -t (default: 1); each has its own
                       connections and share of the load; for servers on another host or a
                       machine with cores to spare (on 2 cores the generator takes the server's)
  --db KIND            sqlite | postgres: the database of db scenarios (default: sqlite,
                       or postgres when DATABASE_URL is set; see npm run db:setup)
  --target URL         measure an HTTP server loopbench did not start (loopback only)
  --expect-status N    with --target: the status a correct answer has (default: 200)
  --expect-body-contains TEXT   with --target: text a correct answer contains
  --service-ms MS      with --target: known service time, gives the ideal (Little's law)
  --allow-remote       with --target: allow a non-loopback host (prints a warning)
  --shard I/N          run part I of N of the plan (N CI runners; compared scenarios stay
                       together); merge the N results folders with npm run merge
  --segment I/N        with --target: send part I of N of each load (N generators against
                       one server: arrival I, I+N, ... of the open model's schedule, or
                       I's share of the closed model's connections); merge them after
  --start-at TIME      ISO time (2026-01-02T15:04:05Z) or epoch ms: wait until then before
                       the first load, so every segment starts together
  --aa-check           start with an A/A check (the same scenario twice) to measure noise
  --no-ceiling         skip measuring the load generator's ceiling at suite start
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
  const terms = raw.split(/[,/]/).map((t) => t.trim()).filter(Boolean);
  if (terms.length === 0) {
    throw new UsageError(
      `--filter is empty ('${raw}'); give workloads and/or strategies, e.g. --filter sleep,async (workloads: ${workloadNames.join(', ')}; strategies: ${knownStrategies.join(', ')}), or leave --filter out to run the whole suite`,
    );
  }
  for (const term of terms) {
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

function parseClaims(raw: string | undefined): ClaimId[] {
  if (raw === undefined) return [];
  const ids = raw.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean);
  const unknown = ids.filter((id) => !isClaimId(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(`--claims: unknown claim ${unknown.length ? unknown.map((id) => `'${id}'`).join(', ') : `'${raw}'`}; allowed: ${claimIds.join(', ')}`);
  }
  return [...new Set(ids)] as ClaimId[];
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
        claims: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        repetitions: { type: 'string' },
        'pool-size': { type: 'string' },
        'inject-slowdown': { type: 'string' },
        out: { type: 'string' },
        rate: { type: 'string' },
        arrival: { type: 'string' },
        'ramp-to': { type: 'string' },
        'ramp-s': { type: 'string' },
        'max-connections': { type: 'string' },
        driver: { type: 'string' },
        threads: { type: 'string' },
        runtime: { type: 'string' },
        db: { type: 'string' },
        target: { type: 'string' },
        'expect-status': { type: 'string' },
        'expect-body-contains': { type: 'string' },
        'service-ms': { type: 'string' },
        'allow-remote': { type: 'boolean' },
        'aa-check': { type: 'boolean' },
        'no-ceiling': { type: 'boolean' },
        shard: { type: 'string' },
        segment: { type: 'string' },
        'start-at': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs refuses `--duration -1` as "ambiguous"; say what is wrong with the value instead.
    const ambiguous = /Option '--([\w-]+)' argument is ambiguous/.exec((error as Error).message);
    if (ambiguous) {
      const flag = ambiguous[1]!;
      const value = argv[argv.indexOf(`--${flag}`) + 1] ?? '';
      throw new UsageError(`--${flag} must be a number > 0; got '${value}'`);
    }
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const v = parsed.values;
  const suite = v.suite ?? DEFAULT_SUITE;
  if (!(suiteNames as string[]).includes(suite)) {
    const renamed = RENAMED_SUITES[suite];
    throw new UsageError(`--suite: unknown suite '${suite}'${renamed ? ` (renamed: it is now '${renamed}')` : ''}; allowed: ${suiteNames.join(', ')}`);
  }
  const warmupS = v.warmup === '0' ? 0 : positiveNumber('warmup', v.warmup, { max: 600 });
  const options: BenchOptions = {
    suite: suite as SuiteName,
    ...parseFilter(v.filter),
    claims: parseClaims(v.claims),
    injectSlowdownPct: parseSlowdownPct(v['inject-slowdown']),
    outDir: v.out ?? 'reports',
    help: v.help ?? false,
    arrival: 'uniform',
    maxConnections: positiveNumber('max-connections', v['max-connections'], { integer: true, min: 0, max: 100_000 }) ?? 256,
    skipCeiling: v['no-ceiling'] ?? false,
    aaCheck: v['aa-check'] ?? false,
    closedDriver: DEFAULT_CLOSED_DRIVER,
    threads: parseThreads(v.threads),
    runtime: 'all',
  };
  if (v.runtime !== undefined) {
    if (!(runtimeChoices as readonly string[]).includes(v.runtime)) throw new UsageError(`--runtime must be ${runtimeChoices.join(', ')}; got '${v.runtime}'`);
    options.runtime = v.runtime as RuntimeChoice;
  }
  if (v.driver !== undefined) {
    if (!(closedDriverNames as readonly string[]).includes(v.driver)) {
      throw new UsageError(`--driver must be ${closedDriverNames.join(' or ')}; got '${v.driver}'`);
    }
    options.closedDriver = v.driver as ClosedDriverName;
  }
  if (options.threads > 1 && options.closedDriver !== 'lean') {
    throw new UsageError(`--threads ${options.threads} needs the lean closed driver; drop --driver ${options.closedDriver} or --threads`);
  }
  const ratePerS = positiveNumber('rate', v.rate, { max: 1_000_000 });
  if (ratePerS !== undefined) options.ratePerS = ratePerS;
  const rampToPerS = positiveNumber('ramp-to', v['ramp-to'], { max: 1_000_000 });
  const rampS = positiveNumber('ramp-s', v['ramp-s'], { max: 3600 });
  if (rampToPerS !== undefined || rampS !== undefined) {
    if (rampToPerS === undefined || rampS === undefined) throw new UsageError('--ramp-to R2 and --ramp-s D go together (rise to R2 req/s over D s); give both');
    if (ratePerS === undefined) throw new UsageError('--ramp-to needs --rate R1, the rate the ramp starts from (open model)');
    options.ramp = { toRatePerS: rampToPerS, durationS: rampS };
    if (options.threads > 1) throw new UsageError('--ramp-to runs on one generator thread: drop --threads');
  }
  if (v.arrival !== undefined) {
    if (v.arrival !== 'uniform' && v.arrival !== 'poisson') throw new UsageError(`--arrival must be uniform or poisson; got '${v.arrival}'`);
    options.arrival = v.arrival;
  }
  if (v.db !== undefined) {
    if (v.db !== 'sqlite' && v.db !== 'postgres') throw new UsageError(`--db must be sqlite or postgres; got '${v.db}'`);
    options.db = v.db;
  }
  const serviceMs = positiveNumber('service-ms', v['service-ms'], { max: 3_600_000 });
  if (v.target !== undefined) {
    options.target = parseTarget(
      {
        target: v.target,
        allowRemote: v['allow-remote'] ?? false,
        ...(v['expect-status'] !== undefined ? { expectStatus: v['expect-status'] } : {}),
        ...(v['expect-body-contains'] !== undefined ? { expectBodyContains: v['expect-body-contains'] } : {}),
        ...(serviceMs !== undefined ? { serviceMs } : {}),
      },
      (message) => process.stderr.write(message + '\n'),
    );
    if (options.claims.length > 0) throw new UsageError('--claims does not apply with --target URL (claims need the suite\'s own servers)');
  } else {
    for (const flag of ['expect-status', 'expect-body-contains', 'service-ms', 'allow-remote'] as const) {
      if (v[flag] !== undefined) throw new UsageError(`--${flag} only applies with --target URL`);
    }
  }
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
  const shard = parsePartSpec('shard', v.shard);
  const segment = parsePartSpec('segment', v.segment);
  if (shard) options.shard = shard;
  if (segment) {
    if (!options.target) throw new UsageError('--segment splits one load across generators aimed at one server: it needs --target URL (each segment starting its own server would measure n servers)');
    if (options.aaCheck) throw new UsageError('--aa-check does not apply with --segment');
    options.segment = segment;
  }
  if (shard && options.target) throw new UsageError('--shard splits a suite across runners; with --target there is one scenario: use --segment to split its load');
  const startAtMs = parseStartAt(v['start-at']);
  if (startAtMs !== undefined) options.startAtMs = startAtMs;
  return options;
}
