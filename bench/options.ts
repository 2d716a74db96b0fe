/**
 * The one boundary where command-line flags (unknown strings) become typed options.
 * Every message names the flag, the rule and the allowed values; errors are UsageError
 * (exit 2, nothing started).
 */
import { defineCommand, flagDefaults, parseFlags, usage } from './cli-kit/command.js';
import { choiceFlag, customFlag, numberFlag, parsePercent, percentFlag, switchFlag, textFlag, type FlagValues } from './cli-kit/flags.js';
import { strategyNames } from '../servers/strategies/index.js';
import type { Runtime } from '../servers/strategies/types.js';
import { workloadNames } from '../servers/workloads/index.js';
import { claimIds, isClaimId, type ClaimId } from './claims/index.js';
import { referenceServers } from './paths.js';
import { UsageError } from './errors.js';
import { parseThreads } from './drivers/threads/generator-threads.js';
import { closedDriverNames, DEFAULT_CLOSED_DRIVER, type ClosedDriverName } from './drivers/index.js';
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
  /** `--threads`: load-generator threads (default 1; bench/drivers/threads/generator-threads.ts). */
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

const knownStrategies = (): string[] => [...strategyNames, ...Object.keys(referenceServers)];
const MAX_RATE_PER_S = 1_000_000;

/** Every flag of `npm run bench`, declared once: the parser, the validation and USAGE come from here. */
export const benchFlags = {
  suite: choiceFlag({
    name: 'suite',
    metavar: 'NAME',
    help: `${suiteNames.join(' | ')} (default: ${DEFAULT_SUITE}, the first run;\nfull is the long one: more repetitions, sweeps, 10,000 connections)`,
    choices: suiteNames,
    noun: 'suite',
    hint: (raw) => (RENAMED_SUITES[raw] ? ` (renamed: it is now '${RENAMED_SUITES[raw]}')` : ''),
    default: DEFAULT_SUITE,
  }),
  filter: customFlag({
    name: 'filter',
    metavar: 'TERMS',
    help: `keep scenarios by workload and/or strategy, comma-separated,\ne.g. --filter sleep,async  or  --filter cpu/worker-threads\nworkloads: ${workloadNames.join(', ')}\nstrategies: ${knownStrategies().join(', ')}`,
    parse: parseFilter,
    default: { workloads: [], strategies: [] },
  }),
  claims: customFlag({
    name: 'claims',
    metavar: 'IDS',
    help: `run only what these claims need, comma-separated, e.g. --claims C3,C12\n(${claimIds[0]}..${claimIds[claimIds.length - 1]}; verdicts are printed after the table)`,
    parse: parseClaims,
    default: [],
  }),
  duration: numberFlag({ name: 'duration', metavar: 'S', help: 'measured seconds per run (overrides the suite)', above: 0, max: 3600 }),
  warmup: numberFlag({ name: 'warmup', metavar: 'S', help: 'warm-up seconds per run (overrides the suite)', min: 0, max: 600 }),
  connections: numberFlag({ name: 'connections', metavar: 'N', help: 'connections of every closed-model load (overrides the suite)', kind: 'integer', above: 0, max: 100_000 }),
  repetitions: numberFlag({ name: 'repetitions', metavar: 'N', help: 'runs per scenario, interleaved (overrides the suite)', kind: 'integer', above: 0, max: 1000 }),
  runtime: choiceFlag({
    name: 'runtime',
    metavar: 'NAME',
    help: "all | node | python: the servers' runtime (default: all; Python\nwhere provisioned: npm run setup installs Debian's python3-fastapi ...)",
    choices: runtimeChoices,
    default: 'all',
  }),
  poolSize: numberFlag({ name: 'pool-size', metavar: 'N', help: 'workers for worker-threads / child-process / cluster (default: cores)', kind: 'integer', above: 0, max: 256 }),
  injectSlowdown: percentFlag({
    name: 'inject-slowdown',
    metavar: 'P',
    help: "add busy work of P% (0-1000%) of each request's event-loop time\nin the server, e.g. 10%: the gate's self-test knob (default: 0%)",
    min: 0,
    max: 1000,
    example: '10%',
    default: 0,
  }),
  out: textFlag({ name: 'out', metavar: 'DIR', help: 'reports folder (default: reports)', nonEmpty: 'a folder path', default: 'reports' }),
  rate: numberFlag({ name: 'rate', metavar: 'R', help: 'open model: R requests/s whatever the server does (wrk2-style latency)', above: 0, max: MAX_RATE_PER_S }),
  arrival: choiceFlag({ name: 'arrival', metavar: 'KIND', help: 'uniform | poisson (default: uniform), with --rate', choices: ['uniform', 'poisson'] as const, default: 'uniform' }),
  rampTo: numberFlag({
    name: 'ramp-to',
    metavar: 'R2',
    help: 'with --rate R1 and --ramp-s D: the arrival rate rises linearly from\nR1 to R2 req/s over the first D s of the window, then holds R2',
    above: 0,
    max: MAX_RATE_PER_S,
  }),
  rampS: numberFlag({ name: 'ramp-s', metavar: 'D', help: "the ramp's duration, s (with --ramp-to)", above: 0, max: 3600 }),
  maxConnections: numberFlag({ name: 'max-connections', metavar: 'N', help: 'open model: at most N connections (default: 256)', kind: 'integer', above: 0, max: 100_000, default: 256 }),
  driver: choiceFlag({
    name: 'driver',
    metavar: 'NAME',
    help: `closed model's load driver: ${closedDriverNames.join(' | ')} (default: ${DEFAULT_CLOSED_DRIVER});\nlean is hand-written on node:net, autocannon costs ~2x its CPU per request`,
    choices: closedDriverNames,
    default: DEFAULT_CLOSED_DRIVER,
  }),
  threads: customFlag({
    name: 'threads',
    metavar: 'N',
    help: "load-generator threads, as wrk's -t (default: 1); each has its own\nconnections and share of the load; for servers on another host or a\nmachine with cores to spare (on 2 cores the generator takes the server's)",
    parse: (raw) => parseThreads(raw),
    default: 1,
  }),
  db: choiceFlag({
    name: 'db',
    metavar: 'KIND',
    help: 'sqlite | postgres: the database of db scenarios (default: sqlite,\nor postgres when DATABASE_URL is set; see npm run db:setup)',
    choices: ['sqlite', 'postgres'] as const,
  }),
  target: textFlag({ name: 'target', metavar: 'URL', help: 'measure an HTTP server loopbench did not start (loopback only)' }),
  expectStatus: textFlag({ name: 'expect-status', metavar: 'N', help: 'with --target: the status a correct answer has (default: 200)' }),
  expectBodyContains: textFlag({ name: 'expect-body-contains', metavar: 'TEXT', help: 'with --target: text a correct answer contains' }),
  serviceMs: numberFlag({ name: 'service-ms', metavar: 'MS', help: "with --target: known service time, gives the ideal (Little's law)", above: 0, max: 3_600_000 }),
  allowRemote: switchFlag('allow-remote', 'with --target: allow a non-loopback host (prints a warning)'),
  shard: customFlag({
    name: 'shard',
    metavar: 'I/N',
    help: 'run part I of N of the plan (N CI runners; compared scenarios stay\ntogether); merge the N results folders with npm run merge',
    parse: (raw) => parsePartSpec('shard', raw),
  }),
  segment: customFlag({
    name: 'segment',
    metavar: 'I/N',
    help: "with --target: send part I of N of each load (N generators against\none server: arrival I, I+N, ... of the open model's schedule, or\nI's share of the closed model's connections); merge them after",
    parse: (raw) => parsePartSpec('segment', raw),
  }),
  startAt: customFlag({
    name: 'start-at',
    metavar: 'TIME',
    help: 'ISO time (2026-01-02T15:04:05Z) or epoch ms: wait until then before\nthe first load, so every segment starts together',
    parse: (raw) => parseStartAt(raw),
  }),
  aaCheck: switchFlag('aa-check', 'start with an A/A check (the same scenario twice) to measure noise'),
  noCeiling: switchFlag('no-ceiling', "skip measuring the load generator's ceiling at suite start"),
} as const;

export type BenchFlagValues = FlagValues<typeof benchFlags>;

export const benchCommand = defineCommand({ synopsis: 'npm run bench -- [options]', flags: benchFlags });

export const USAGE = usage(benchCommand);

/** `10%` or `10` → 10; the allowed range is 0–1000%. */
export function parseSlowdownPct(raw: string | undefined, flag = 'inject-slowdown'): number {
  return raw === undefined ? 0 : parsePercent(`--${flag}`, raw, { min: 0, max: 1000, example: '10%' });
}

function parseFilter(raw: string): { workloads: string[]; strategies: string[] } {
  const workloads: string[] = [];
  const strategies: string[] = [];
  const terms = raw.split(/[,/]/).map((t) => t.trim()).filter(Boolean);
  if (terms.length === 0) {
    throw new UsageError(
      `--filter is empty ('${raw}'); give workloads and/or strategies, e.g. --filter sleep,async (workloads: ${workloadNames.join(', ')}; strategies: ${knownStrategies().join(', ')}), or leave --filter out to run the whole suite`,
    );
  }
  for (const term of terms) {
    if ((workloadNames as string[]).includes(term)) workloads.push(term);
    else if (knownStrategies().includes(term)) strategies.push(term);
    else {
      throw new UsageError(
        `--filter: unknown term '${term}'; allowed workloads: ${workloadNames.join(', ')}; strategies: ${knownStrategies().join(', ')}`,
      );
    }
  }
  return { workloads, strategies };
}

function parseClaims(raw: string): ClaimId[] {
  const ids = raw.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean);
  const unknown = ids.filter((id) => !isClaimId(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(`--claims: unknown claim ${unknown.length ? unknown.map((id) => `'${id}'`).join(', ') : `'${raw}'`}; allowed: ${claimIds.join(', ')}`);
  }
  return [...new Set(ids)] as ClaimId[];
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const parsed = parseFlags(benchCommand, argv);
  if (parsed.help) return { ...benchOptionsFrom(flagDefaults(benchFlags)), help: true };
  return benchOptionsFrom(parsed.values);
}

/**
 * Typed flag values → BenchOptions, with the rules that join flags (--ramp-to needs
 * --rate, --segment needs --target...). The gate, compare and the self-test call it with
 * their own values: commands pass typed values, never argv.
 */
export function benchOptionsFrom(v: BenchFlagValues): BenchOptions {
  const options: BenchOptions = {
    suite: v.suite,
    ...v.filter,
    claims: v.claims,
    injectSlowdownPct: v.injectSlowdown,
    outDir: v.out,
    help: false,
    arrival: v.arrival,
    maxConnections: v.maxConnections,
    skipCeiling: v.noCeiling,
    aaCheck: v.aaCheck,
    closedDriver: v.driver,
    threads: v.threads,
    runtime: v.runtime,
  };
  if (options.threads > 1 && options.closedDriver !== 'lean') {
    throw new UsageError(`--threads ${options.threads} needs the lean closed driver; drop --driver ${options.closedDriver} or --threads`);
  }
  if (v.rate !== undefined) options.ratePerS = v.rate;
  if (v.rampTo !== undefined || v.rampS !== undefined) {
    if (v.rampTo === undefined || v.rampS === undefined) throw new UsageError('--ramp-to R2 and --ramp-s D go together (rise to R2 req/s over D s); give both');
    if (v.rate === undefined) throw new UsageError('--ramp-to needs --rate R1, the rate the ramp starts from (open model)');
    options.ramp = { toRatePerS: v.rampTo, durationS: v.rampS };
    if (options.threads > 1) throw new UsageError('--ramp-to runs on one generator thread: drop --threads');
  }
  if (v.db !== undefined) options.db = v.db;
  if (v.target !== undefined) {
    options.target = parseTarget(
      {
        target: v.target,
        allowRemote: v.allowRemote,
        ...(v.expectStatus !== undefined ? { expectStatus: v.expectStatus } : {}),
        ...(v.expectBodyContains !== undefined ? { expectBodyContains: v.expectBodyContains } : {}),
        ...(v.serviceMs !== undefined ? { serviceMs: v.serviceMs } : {}),
      },
      (message) => process.stderr.write(message + '\n'),
    );
    if (options.claims.length > 0) throw new UsageError('--claims does not apply with --target URL (claims need the suite\'s own servers)');
  } else {
    const targetOnly = { expectStatus: v.expectStatus, expectBodyContains: v.expectBodyContains, serviceMs: v.serviceMs, allowRemote: v.allowRemote || undefined };
    for (const [key, value] of Object.entries(targetOnly)) {
      if (value !== undefined) throw new UsageError(`--${benchFlags[key as keyof typeof targetOnly].name} only applies with --target URL`);
    }
  }
  if (v.duration !== undefined) options.durationS = v.duration;
  if (v.warmup !== undefined) options.warmupS = v.warmup;
  if (v.connections !== undefined) options.connections = v.connections;
  if (v.repetitions !== undefined) options.repetitions = v.repetitions;
  if (v.poolSize !== undefined) options.poolSize = v.poolSize;
  if (v.shard) options.shard = v.shard;
  if (v.segment) {
    if (!options.target) throw new UsageError('--segment splits one load across generators aimed at one server: it needs --target URL (each segment starting its own server would measure n servers)');
    if (options.aaCheck) throw new UsageError('--aa-check does not apply with --segment');
    options.segment = v.segment;
  }
  if (v.shard && options.target) throw new UsageError('--shard splits a suite across runners; with --target there is one scenario: use --segment to split its load');
  if (v.startAt !== undefined) options.startAtMs = v.startAt;
  return options;
}
