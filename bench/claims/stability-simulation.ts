/**
 * How stable are the parallel verdicts (C6, C10, C11)? A simulation with canned noise, no
 * load: each simulated "run" is a quick suite's worth of results (the claims' cpu
 * scenarios on Node.js and Python plus filler scenarios that feed the run's pooled noise,
 * 3 interleaved repetitions, a parallelism control of 3 samples), drawn from a noise model
 * fitted to real spreads; the results go through judgeAll like a real run's. Measured:
 * how often a claim is decided, how often two independent runs give the same verdict, and
 * how often a check decides on a pair with no effect (A/A) or exactly at its threshold.
 *
 * The noise model: per-run log-normal noise of `runCv` on requests/s (baseline.json's
 * cpu efficiencies spread 10-13% run to run) and of `coresCv` on the cores a cpu
 * scenario's server kept busy (≤ 2% measured, 2026-12-06); the filler scenarios' cores
 * are as noisy as their requests/s (an I/O server's CPU is a few clock ticks a window);
 * optionally a slow spell: with probability `slowSpell.probability` a contiguous stretch
 * of `slowSpell.share` of the run order (the runs are interleaved A B C A B C) runs at
 * `slowSpell.speed` of normal speed, which slows requests/s and leaves the cores busy as
 * they were (the same work costs more CPU); the control's samples spread `controlCv`.
 */
import { compareSamples, holmAdjust, mulberry32, pooledLogVariance, type Comparison } from '../stats/index.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile, type RunRecord, type Scenario, type Verdict } from '../types.js';
import { judgeAll } from './index.js';
import { scenarioOnRuntime, type Runtime } from './runtimes.js';
import { core } from './scenarios.js';

export interface NoiseModel {
  /** Run-to-run coefficient of variation of requests/s (log-normal). */
  runCv: number;
  /** Run-to-run coefficient of variation of a cpu scenario's cores busy (log-normal). */
  coresCv: number;
  /** Spread of the parallelism control's samples. */
  controlCv: number;
  slowSpell?: { probability: number; share: number; speed: number };
}

type Role = 'blocking' | 'async' | 'threads' | 'processes' | 'prefork';

/** What the machine and the strategies truly do: requests/s and cores busy of each cpu role, and the cores delivered. */
export interface World {
  name: string;
  deliveredCores: number;
  /** True requests/s by role, per runtime. */
  rps: Record<Runtime, Record<Role, number>>;
  /** True cores busy by role, per runtime. */
  cores: Record<Runtime, Record<Role, number>>;
}

/** An idle 2-core machine as the quick suite saw it: parallel strategies ~1.8x blocking, Python threads ~0.8x. */
export const IDLE_TWO_CORES: World = {
  name: 'idle 2 cores',
  deliveredCores: 1.95,
  rps: {
    node: { blocking: 50, async: 49, threads: 88, processes: 88, prefork: 90 },
    python: { blocking: 30, async: 29.5, threads: 24, processes: 54, prefork: 55 },
  },
  cores: {
    node: { blocking: 1, async: 1, threads: 1.92, processes: 1.92, prefork: 1.94 },
    python: { blocking: 1, async: 1, threads: 1, processes: 1.93, prefork: 1.94 },
  },
};

/** One of the 2 cores kept busy by another process: the control reads ~1.3, every parallel strategy ~1.25x. */
export const ONE_CORE_BUSY: World = {
  name: 'one core kept busy',
  deliveredCores: 1.3,
  rps: {
    node: { blocking: 40, async: 39, threads: 50, processes: 50, prefork: 51 },
    python: { blocking: 24, async: 23.5, threads: 19, processes: 30, prefork: 30 },
  },
  cores: {
    node: { blocking: 0.95, async: 0.95, threads: 1.25, processes: 1.25, prefork: 1.27 },
    python: { blocking: 0.95, async: 0.95, threads: 0.95, processes: 1.25, prefork: 1.25 },
  },
};

/** No parallel effect at all while the control says 2 cores: every cpu strategy serves what blocking serves (A/A). */
export const NO_EFFECT: World = {
  name: 'no parallel effect (A/A)',
  deliveredCores: 1.95,
  rps: {
    node: { blocking: 50, async: 50, threads: 50, processes: 50, prefork: 50 },
    python: { blocking: 30, async: 30, threads: 30, processes: 30, prefork: 30 },
  },
  cores: {
    node: { blocking: 1, async: 1, threads: 1, processes: 1, prefork: 1 },
    python: { blocking: 1, async: 1, threads: 1, processes: 1, prefork: 1 },
  },
};

const ROLES = { blocking: 'blocking', async: 'async', threads: 'worker-threads', processes: 'child-process', prefork: 'cluster' } as const;
const FILLERS = { node: 30, python: 8 } as const;
const REPETITIONS = 3;
const WINDOW_S = 1;

type Normal = () => number;

/** The log-scale standard deviation of a log-normal with coefficient of variation `cv`. */
const logSd = (cv: number) => Math.sqrt(Math.log(1 + cv * cv));

function normalFrom(random: () => number): Normal {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Planned {
  scenario: Scenario;
  rps: number;
  coresBusy: number;
  /** Its own run-to-run spread of requests/s (fillers vary 5-fold around the model's; the claims' scenarios have the model's). */
  cv: number;
  /** Its own run-to-run spread of cores busy. */
  coresCv: number;
}

function plannedScenarios(world: World, noise: NoiseModel, random: () => number): Planned[] {
  const planned: Planned[] = [];
  for (const runtime of ['node', 'python'] as const) {
    for (const [role, strategy] of Object.entries(ROLES) as [keyof typeof ROLES, string][]) {
      const scenario = scenarioOnRuntime(core('cpu', strategy), runtime);
      if (scenario) planned.push({ scenario, rps: world.rps[runtime][role], coresBusy: world.cores[runtime][role], cv: noise.runCv, coresCv: noise.coresCv });
    }
    const sleep = scenarioOnRuntime(core('sleep', 'async'), runtime);
    for (let i = 0; i < FILLERS[runtime]; i++) {
      // Other scenarios of the run: their only use here is the run's pooled noise.
      const cv = noise.runCv * Math.exp(Math.log(5) * (random() - 0.5));
      planned.push({ scenario: { ...sleep!, id: `${sleep!.id}/filler-${i}` }, rps: 200 + 50 * i, coresBusy: 0.1 + 0.02 * i, cv, coresCv: cv });
    }
  }
  return planned;
}

function record(scenario: Scenario, repetition: number, rps: number, coresBusy: number): RunRecord {
  const latency = { mean: 10, p50: 10, p90: 20, p99: 20, p999: 20, max: 20 };
  return {
    runId: 'simulated',
    scenarioId: scenario.id,
    repetition,
    state: 'ok',
    reasons: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    client: { requests: Math.max(1, Math.round(rps * WINDOW_S)), durationS: WINDOW_S, rps, latencyMs: latency, errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0 },
    server: { cpuS: coresBusy * WINDOW_S, coresBusy, rssPeakBytes: 80e6, processCount: 1, threadCount: 11 },
  };
}

/** One simulated quick run's results in `world` under `noise`. */
export function simulateRun(world: World, noise: NoiseModel, random: () => number): ResultsFile {
  const normal = normalFrom(random);
  const planned = plannedScenarios(world, noise, random);
  const total = planned.length * REPETITIONS;
  const spell = noise.slowSpell && random() < noise.slowSpell.probability ? noise.slowSpell : undefined;
  const spellStart = spell ? Math.floor(random() * total) : 0;
  const spellEnd = spell ? spellStart + Math.round(spell.share * total) : 0;
  const runs: RunRecord[] = [];
  for (let repetition = 1; repetition <= REPETITIONS; repetition++) {
    planned.forEach((p, i) => {
      const order = (repetition - 1) * planned.length + i;
      const slow = spell && ((order >= spellStart && order < spellEnd) || order < spellEnd - total) ? spell.speed : 1;
      runs.push(record(p.scenario, repetition, p.rps * slow * Math.exp(logSd(p.cv) * normal()), p.coresBusy * Math.exp(logSd(p.coresCv) * normal())));
    });
  }
  const samples = [0, 1, 2].map(() => ({ measuredAt: '2026-01-01T00:00:00.000Z', processes: 2, deliveredCores: world.deliveredCores * Math.exp(noise.controlCv * normal()), loadAverage1m: 0 }));
  const sorted = samples.map((s) => s.deliveredCores).sort((a, b) => a - b);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: 'loopbench',
    runId: 'simulated',
    suite: 'simulated',
    startedAt: '2026-01-01T00:00:00.000Z',
    status: 'complete',
    machine: { cpuModel: 'simulated', cores: 2, usableCores: 2, memoryBytes: 8e9, nodeVersion: 'v20.0.0', os: 'linux', gitCommit: null, lockfileSha256: null, hostname: 'simulated' },
    options: {},
    scenarios: planned.map((p) => p.scenario),
    runs,
    summaries: [],
    parallelism: { samples, deliveredCores: sorted[1]!, deliveredCoresMin: sorted[0]!, deliveredCoresMax: sorted[2]!, processes: 2 },
  };
}

export const PARALLEL_CLAIMS = ['C6', 'C10', 'C11'] as const;

export interface ClaimStability {
  claim: string;
  runtime: Runtime;
  /** Share of runs with each verdict. */
  verdicts: Partial<Record<Verdict, number>>;
  /** Share of runs decided (supported, refuted or not-applicable). */
  decided: number;
  /** Share of pairs of independent runs with the same verdict. */
  agreement: number;
}

/** Verdicts of C6, C10, C11 over `pairs` pairs of independent simulated runs. */
export function verdictStability(world: World, noise: NoiseModel, pairs: number, seed = 1): ClaimStability[] {
  const random = mulberry32(seed);
  const verdictsOf = () => {
    const judged = judgeAll(simulateRun(world, noise, random)).verdicts;
    return new Map(judged.filter((v) => (PARALLEL_CLAIMS as readonly string[]).includes(v.id)).map((v) => [`${v.id}/${v.runtime}`, v.verdict]));
  };
  const firsts: Map<string, Verdict>[] = [];
  const seconds: Map<string, Verdict>[] = [];
  for (let i = 0; i < pairs; i++) {
    firsts.push(verdictsOf());
    seconds.push(verdictsOf());
  }
  const out: ClaimStability[] = [];
  for (const claim of PARALLEL_CLAIMS) {
    for (const runtime of ['node', 'python'] as const) {
      const key = `${claim}/${runtime}`;
      const all = [...firsts, ...seconds].map((m) => m.get(key)!);
      const verdicts: Partial<Record<Verdict, number>> = {};
      for (const v of all) verdicts[v] = (verdicts[v] ?? 0) + 1;
      for (const v of Object.keys(verdicts) as Verdict[]) verdicts[v] = verdicts[v]! / all.length;
      const decided = all.filter((v) => v === 'supported' || v === 'refuted' || v === 'not-applicable').length / all.length;
      const agreement = firsts.filter((m, i) => m.get(key) === seconds[i]!.get(key)).length / pairs;
      out.push({ claim, runtime, verdicts, decided, agreement });
    }
  }
  return out;
}

/**
 * The rule this replaced, for comparison (C6 on Node.js): processes and threads vs
 * blocking, two-sided 95% intervals (Holm over both), each whole interval ≥ the
 * arithmetic midpoint 1 + (K − 1)/2 to count as parallel. Returns how often two
 * independent runs agree and how often the claim was decided.
 */
export function oldC6Stability(world: World, noise: NoiseModel, pairs: number, seed = 1): { decided: number; agreement: number } {
  const random = mulberry32(seed);
  const verdictOf = (): string => {
    const results = simulateRun(world, noise, random);
    const values = (id: string) => results.runs.filter((r) => r.scenarioId === id).map((r) => r.client!.rps);
    const k = Math.min(2, Number(results.parallelism!.deliveredCores.toPrecision(2)));
    if (k < 1.5) return 'inconclusive';
    const mid = 1 + (k - 1) / 2;
    const nodeIds = results.scenarios.filter((s) => !s.strategy.startsWith('py-')).map((s) => s.id);
    const prior = pooledLogVariance(nodeIds.map(values));
    const [p, t] = ['cpu/child-process/c50', 'cpu/worker-threads/c50'].map((id) => compareSamples(values(id), values('cpu/blocking/c50'), prior ? { prior } : {}));
    const [pHolm, tHolm] = holmAdjust([p!.pValue, t!.pValue]);
    const scales = (c: Comparison, holm: number) => c.verdict === 'a-better' && holm < 0.05 && c.ratioCiLow >= mid;
    if (!scales(p!, pHolm!)) return 'inconclusive';
    return scales(t!, tHolm!) ? 'not-applicable' : t!.ratioCiHigh < mid ? 'supported' : 'inconclusive';
  };
  let agree = 0;
  let decided = 0;
  for (let i = 0; i < pairs; i++) {
    const a = verdictOf();
    const b = verdictOf();
    if (a === b) agree++;
    decided += (a !== 'inconclusive' ? 1 : 0) + (b !== 'inconclusive' ? 1 : 0);
  }
  return { decided: decided / (2 * pairs), agreement: agree / pairs };
}

/** Every parallel strategy at exactly the gain edge (1.1x blocking), async at 1x: the gain checks sit on their threshold. */
export const AT_GAIN_EDGE: World = {
  name: 'every parallel speedup exactly at the gain edge 1.1x',
  deliveredCores: 1.95,
  rps: {
    node: { blocking: 50, async: 50, threads: 55, processes: 55, prefork: 55 },
    python: { blocking: 30, async: 30, threads: 33, processes: 33, prefork: 33 },
  },
  cores: {
    node: { blocking: 1, async: 1, threads: 1.1, processes: 1.1, prefork: 1.1 },
    python: { blocking: 1, async: 1, threads: 1.1, processes: 1.1, prefork: 1.1 },
  },
};

/** True figures of each cpu scenario of the claims in `world`, by figure and scenario id. */
function truthOf(world: World): Record<'rps' | 'coresBusy', Map<string, number>> {
  const truth = { rps: new Map<string, number>(), coresBusy: new Map<string, number>() };
  for (const runtime of ['node', 'python'] as const) {
    for (const [role, strategy] of Object.entries(ROLES) as [Role, string][]) {
      const scenario = scenarioOnRuntime(core('cpu', strategy), runtime);
      if (!scenario) continue;
      truth.rps.set(scenario.id, world.rps[runtime][role]);
      truth.coresBusy.set(scenario.id, world.cores[runtime][role]);
    }
  }
  return truth;
}

export interface CheckDecisions {
  /** Decisive threshold checks of C6, C10 and C11 looked at. */
  checks: number;
  /** Share decided (above or below their threshold). */
  decided: number;
  /** Share decided on the wrong side of the threshold given the world's true ratio (at the threshold itself, any decision). */
  falseDecisions: number;
}

/** How the one-sided threshold checks of C6, C10 and C11 decide over `trials` simulated runs, judged against the truth. */
export function thresholdCheckDecisions(world: World, noise: NoiseModel, trials: number, seed = 1): CheckDecisions {
  const random = mulberry32(seed);
  const truth = truthOf(world);
  let checks = 0;
  let decided = 0;
  let falseDecisions = 0;
  for (let i = 0; i < trials; i++) {
    for (const c of judgeAll(simulateRun(world, noise, random)).comparisons) {
      if (!c.threshold || !c.decisive || !(PARALLEL_CLAIMS as readonly string[]).includes(c.claimId)) continue;
      const of = c.figure === 'coresBusy' ? truth.coresBusy : truth.rps;
      const trueRatio = of.get(c.a)! / of.get(c.b)!;
      const t = c.threshold.threshold;
      checks++;
      if (c.threshold.side !== 'between') decided++;
      if ((c.threshold.side === 'above' && trueRatio <= t * (1 + 1e-9)) || (c.threshold.side === 'below' && trueRatio >= t * (1 - 1e-9))) falseDecisions++;
    }
  }
  return { checks, decided: decided / checks, falseDecisions: falseDecisions / checks };
}
