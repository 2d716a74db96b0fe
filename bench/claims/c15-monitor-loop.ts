/**
 * C15 — "Monitor event loop performance"
 *
 * Analog: every server measures its event-loop delay (perf_hooks.monitorEventLoopDelay)
 * over the measured window. Is it worth monitoring, i.e. does it tell which servers have
 * a long latency tail? Across every scenario of the run with valid runs and telemetry
 * (reference servers and external targets have none), the median loop-delay p99 is
 * ranked against the median request p99.
 *
 * Predicate: Spearman's rho over n ≥ 8 scenarios (t-approximation p-value, Fisher-z
 * interval): rho ≥ 0.5 and p < alpha → supported (the delay predicts the tail); the whole
 * 95% interval below 0.5 → refuted (a poor predictor); otherwise inconclusive, as with
 * fewer than 8 scenarios. The listed scenarios are the minimum to run; all are used.
 */
import { spearman } from '../stats/index.js';
import { formatMs, formatNumber, formatP, formatRange } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { playedBy } from './runtimes.js';
import { core, headOfLine } from './scenarios.js';
import type { Claim } from './types.js';

const MIN_SCENARIOS = 8;
const MIN_RHO = 0.5;

export const c15: Claim = {
  id: 'C15',
  quote: 'Monitor event loop performance',
  analog: 'the event-loop delay every server records: does it rank the scenarios by their p99 latency? (Spearman, across all scenarios of the run)',
  scenarios: [
    ...(['noop', 'sleep', 'cpu'] as const).flatMap((w) => ['blocking', 'async', 'worker-threads'].map((s) => core(w, s))),
    headOfLine('sleep', 'blocking'),
    headOfLine('sleep', 'async'),
  ],
  judge(results, ctx) {
    const j = new ClaimJudging('C15', results, ctx);
    const points = results.summaries.flatMap((s) => {
      const scenario = results.scenarios.find((x) => x.id === s.scenarioId);
      // Only this runtime's servers (each runtime gets its own verdict).
      if (!scenario || scenario.target || playedBy(s.strategy)?.runtime !== ctx.runtime || s.okRuns === 0) return [];
      if (s.eventLoopDelayP99Ms === undefined || s.latencyP99Ms === undefined) return [];
      j.runsOf(scenario);
      return [{ id: s.scenarioId, delayMs: s.eventLoopDelayP99Ms, p99Ms: s.latencyP99Ms.median }];
    });
    if (points.length === 0) {
      j.part('absent', 'loop delay: not measured');
      return j.finish();
    }
    if (points.length < MIN_SCENARIOS) {
      j.part('undecided', `${points.length} scenario(s) with loop telemetry and valid runs, at least ${MIN_SCENARIOS} needed`);
      return j.finish();
    }
    const r = spearman(points.map((p) => p.delayMs), points.map((p) => p.p99Ms));
    const outcome = r.rho >= MIN_RHO && r.pValue < ctx.alpha ? 'supports' : r.ciHigh < MIN_RHO ? 'refutes' : 'undecided';
    const byDelay = [...points].sort((a, b) => a.delayMs - b.delayMs);
    const [low, high] = [byDelay[0]!, byDelay[byDelay.length - 1]!];
    j.part(
      outcome,
      `Spearman rho ${formatNumber(r.rho)} (95% CI ${formatRange(r.ciLow, r.ciHigh)}, ${formatP(r.pValue)}) ` +
        `between loop-delay p99 and request p99 over ${points.length} scenarios; ` +
        `e.g. ${low.id}: loop ${formatMs(low.delayMs)}, p99 ${formatMs(low.p99Ms)}; ${high.id}: loop ${formatMs(high.delayMs)}, p99 ${formatMs(high.p99Ms)}`,
    );
    return j.finish({ lead: { supported: 'event-loop delay ranks the servers by their latency tail: worth monitoring' } });
  },
};
