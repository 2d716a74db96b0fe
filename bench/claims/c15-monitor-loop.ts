/**
 * C15 — "Monitor event loop performance"
 *
 * Analog: every server measures its event-loop delay (how late a 10 ms timer wakes) over
 * the measured window. Is it worth monitoring, i.e. does it tell which servers have a
 * long latency tail? The median loop-delay p99 of each scenario is ranked against its
 * median request p99 (Spearman).
 *
 * Judged on one designed set of scenarios per runtime, the same in every suite, so the
 * verdict does not depend on which other scenarios a suite happens to hold (it did: rho
 * 0.70 over the quick suite's 47 Node.js scenarios, 0.48 over the full suite's 83). The
 * set is the servers that serve every request on the loop they monitor (blocking, async,
 * prefork) across loads where the loop is idle (noop), waits on I/O it does not block on
 * (async sleep: a tail of S with an idle loop, the set's own counterexamples), is blocked
 * by waits (blocking sleep, S = 5 ms at 2, 8 and 32 connections) and by CPU (cpu), plus the
 * head-of-line runs: 16 scenarios.
 *
 * Context, not decisive: the same correlation over the run's pool servers (threads,
 * processes), whose requests queue in a pool while the monitored loop stays idle (a loop
 * monitor cannot see that queue), and over every scenario of the run.
 *
 * Predicate: Spearman's rho over the designed scenarios measured (at least 12 of the 16;
 * t-approximation p-value, Fisher-z interval): rho ≥ 0.5 and p < alpha → supported (the
 * delay predicts the tail); the whole 95% interval below 0.5 → refuted (a poor predictor);
 * otherwise inconclusive.
 */
import { spearman, type RankCorrelation } from '../stats/index.js';
import { formatMs, formatNumber, formatP, formatRange } from '../format/index.js';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { ClaimJudging } from './judging.js';
import { playedBy, RUNTIME_LABELS, scenarioOnRuntime, type Runtime, type StrategyRole } from './runtimes.js';
import { BLOCKING_SWEEP_SLEEP_MS, core, headOfLine, scenario } from './scenarios.js';
import type { Claim } from './types.js';

/** The designed scenarios a verdict needs (of 16). */
export const MIN_SCENARIOS = 12;
const MIN_RHO = 0.5;
/** Fewer points than this make a context correlation too loose to print. */
const MIN_CONTEXT_POINTS = 4;

/** Roles whose requests wait in a pool the monitored (parent) loop does not see. */
const POOL_ROLES: ReadonlySet<StrategyRole> = new Set(['threads', 'processes', 'thread-per-request']);

const designed = [
  ...(['noop', 'sleep', 'cpu'] as const).flatMap((w) => ['blocking', 'async', 'cluster'].map((s) => core(w, s))),
  ...(['sleep', 'cpu'] as const).flatMap((w) => ['blocking', 'async'].map((s) => headOfLine(w, s))),
  // Not C1's sweep points (1, 10, 100): a suite that judges C15 but not C1 on a runtime
  // (the quick suite on Python) must not hand C1 single runs of its scenarios.
  ...[2, 8, 32].map((connections) => scenario({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: BLOCKING_SWEEP_SLEEP_MS }, connections })),
];

/** One scenario's point: its loop-delay p99 and request p99 (medians over its valid runs). */
export interface LoopPoint {
  id: string;
  strategy: string;
  delayMs: number;
  p99Ms: number;
  /** `designed`: C15's own set (decisive); `pool`: a pool server; `other`: the rest of the run. */
  group: 'designed' | 'pool' | 'other';
}

/** Every scenario of `runtime` in the results with valid runs and loop telemetry, grouped as C15 groups them. */
export function loopPoints(results: ResultsFile, runtime: Runtime): LoopPoint[] {
  const ids = new Set(designed.map((s) => scenarioOnRuntime(s, runtime)?.id));
  return results.summaries.flatMap((s: ScenarioSummary) => {
    const scenario = results.scenarios.find((x) => x.id === s.scenarioId);
    const played = playedBy(s.strategy);
    // Only this runtime's servers (each runtime gets its own verdict); reference servers and external targets have no telemetry.
    if (!scenario || scenario.target || played?.runtime !== runtime || s.okRuns === 0) return [];
    if (s.eventLoopDelayP99Ms === undefined || s.latencyP99Ms === undefined) return [];
    const group = ids.has(s.scenarioId) ? 'designed' : POOL_ROLES.has(played.role) ? 'pool' : 'other';
    return [{ id: s.scenarioId, strategy: s.strategy, delayMs: s.eventLoopDelayP99Ms, p99Ms: s.latencyP99Ms.median, group }];
  });
}

/** Spearman over the points; undefined below `min` of them, or when either figure is the same in all (no ranking). */
export function loopCorrelation(points: readonly LoopPoint[], min = MIN_CONTEXT_POINTS): RankCorrelation | undefined {
  if (points.length < Math.max(min, MIN_CONTEXT_POINTS)) return undefined;
  const [delays, p99s] = [points.map((p) => p.delayMs), points.map((p) => p.p99Ms)];
  // A constant side has no ranks (stats gives rho 0, which would read as "a poor predictor").
  if (new Set(delays).size === 1 || new Set(p99s).size === 1) return undefined;
  return spearman(delays, p99s);
}

function rhoText(r: RankCorrelation): string {
  return `Spearman rho ${formatNumber(r.rho)} (95% CI ${formatRange(r.ciLow, r.ciHigh)}, ${formatP(r.pValue)})`;
}

const pointText = (p: LoopPoint) => `${p.id}: loop ${formatMs(p.delayMs)}, p99 ${formatMs(p.p99Ms)}`;

export const c15: Claim = {
  id: 'C15',
  quote: 'Monitor event loop performance',
  analog:
    'the event-loop delay each server records: does it rank the scenarios by their p99 latency? (Spearman over one designed set per runtime: ' +
    'blocking, async and prefork servers, which serve every request on the loop they monitor, on noop, sleep, cpu, head-of-line and blocking sleep (S = 5 ms) at 2, 8 and 32 connections; ' +
    'pool servers and the whole run as context)',
  scenarios: designed,
  judge(results, ctx) {
    const j = new ClaimJudging('C15', results, ctx);
    for (const s of designed) j.runsOf(s);
    const points = loopPoints(results, ctx.runtime);
    const mine = points.filter((p) => p.group === 'designed');
    if (mine.length === 0) {
      j.part('absent', 'loop delay: not measured');
      return j.finish();
    }
    if (mine.length < MIN_SCENARIOS) {
      j.part('undecided', `${mine.length} of the ${designed.length} designed scenarios with loop telemetry and valid runs, at least ${MIN_SCENARIOS} needed`);
      return j.finish();
    }
    const r = loopCorrelation(mine, MIN_SCENARIOS);
    if (!r) {
      j.part('undecided', `loop delay or p99 is the same in all ${mine.length} designed scenarios: nothing to rank`);
      return j.finish();
    }
    const outcome = r.rho >= MIN_RHO && r.pValue < ctx.alpha ? 'supports' : r.ciHigh < MIN_RHO ? 'refutes' : 'undecided';
    const byDelay = [...mine].sort((a, b) => a.delayMs - b.delayMs);
    j.part(
      outcome,
      `${rhoText(r)} between loop-delay p99 and request p99 over ${mine.length} scenarios on servers that serve requests on their loop; ` +
        `e.g. ${pointText(byDelay[0]!)}; ${pointText(byDelay[byDelay.length - 1]!)}`,
    );
    const pool = points.filter((p) => p.group === 'pool');
    const poolR = loopCorrelation(pool);
    if (poolR) {
      const ranked = poolR.rho >= MIN_RHO && poolR.pValue < ctx.alpha;
      const quietest = [...pool].sort((a, b) => b.p99Ms / Math.max(b.delayMs, 0.01) - a.p99Ms / Math.max(a.delayMs, 0.01))[0]!;
      j.note(
        `context, pool servers (${RUNTIME_LABELS[ctx.runtime]} threads, processes): ${rhoText(poolR)} over ${pool.length} scenarios` +
          (ranked ? '' : `: their loop delay does not rank them; requests wait in the pool, not on the loop, e.g. ${pointText(quietest)}`),
      );
    }
    const all = loopCorrelation(points);
    if (all && all.n > mine.length) j.note(`context, every ${RUNTIME_LABELS[ctx.runtime]} scenario of this run: ${rhoText(all)} over ${all.n}`);
    return j.finish({ lead: { supported: 'event-loop delay ranks the servers that serve requests on their loop by their latency tail: worth monitoring' } });
  },
};
