/**
 * The gate's decision: baseline metrics vs current metrics → pass / regression /
 * inconclusive, per metric and overall. The same rule serves `npm run bench:ci` (current
 * run vs the committed baseline) and `npm run compare` (current tree vs a base ref).
 *
 * A metric (higher is better) **regressed** when both hold:
 * 1. it dropped by more than its tolerance: 1 − current/baseline (ratio of medians) >
 *    max(practical band, √(h_c² + h_b²)), where h is the half-width of each side's 95% CI
 *    relative to the baseline value — the tolerance comes from the noise measured in both
 *    runs, and never falls below the practical band;
 * 2. a one-sided Welch t-test (current < baseline, on log samples, as compareSamples) is
 *    significant at alpha after Holm–Bonferroni over every metric tested.
 * It is **inconclusive** when it dropped by more than the band but only one of the two
 * holds, when its tolerance exceeds twice the band (too noisy to see a drop of that
 * size: no pass on a guess), or when a side has fewer than 2 samples (no noise estimate). A claim
 * whose verdict flips supported → refuted is a regression; supported → anything else but
 * refuted is inconclusive.
 */
import { compareSamples } from '../stats/compare.js';
import { holmAdjust } from '../stats/multiple-testing.js';
import { welchTTest } from '../stats/tests.js';
import type { Verdict } from '../types.js';
import { summarizeMetric, type ClaimState, type GateMetric, type GateMetrics, type MetricSummary } from './metrics.js';

export type MetricState = 'pass' | 'improvement' | 'regression' | 'inconclusive' | 'missing' | 'new';

export interface MetricVerdict {
  name: string;
  kind: GateMetric['kind'];
  unit: GateMetric['unit'];
  scenarioId: string;
  referenceId?: string;
  state: MetricState;
  baseline?: MetricSummary;
  current?: MetricSummary;
  /** current ÷ baseline (ratio of medians) − 1, e.g. −0.12 for a 12% drop. */
  change?: number;
  /** 95% CI of current ÷ baseline (compareSamples: Welch on logs). */
  ratioCiLow?: number;
  ratioCiHigh?: number;
  /** Largest drop still taken as noise: max(band, combined relative CI half-widths). */
  tolerance?: number;
  /** One-sided Welch p of "current < baseline", raw and Holm-adjusted. */
  pValue?: number;
  pHolm?: number;
  /** One sentence a human can read in a CI log. */
  reason: string;
}

export interface ClaimChange {
  id: string;
  baseline?: Verdict;
  current?: Verdict;
  state: 'pass' | 'regression' | 'inconclusive';
}

export type GateOutcome = 'pass' | 'regression' | 'inconclusive' | 'error';

export interface GateDecision {
  outcome: GateOutcome;
  metrics: MetricVerdict[];
  claims: ClaimChange[];
  /** Harness errors (outcome `error`): errored runs, incomplete results. */
  errors: string[];
  warnings: string[];
  practicalBand: number;
  alpha: number;
}

export interface DecideOptions {
  /** Smallest relative drop that matters (default 0.05). */
  practicalBand?: number;
  /** Family-wise significance level over all metrics (default 0.05). */
  alpha?: number;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function oneSidedLessP(current: number[], baseline: number[]): number {
  const w = welchTTest(current.map(Math.log), baseline.map(Math.log));
  return w.t < 0 ? w.pValue / 2 : 1 - w.pValue / 2;
}

interface Tested {
  verdict: MetricVerdict;
  drop: number;
  tolerance: number;
}

function testMetric(name: string, base: GateMetric | undefined, cur: GateMetric | undefined, band: number, alpha: number): Tested | MetricVerdict {
  const { kind, unit, scenarioId, referenceId } = (cur ?? base)!;
  const baseline = base && summarizeMetric(base.samples);
  const current = cur && summarizeMetric(cur.samples);
  const head = {
    name,
    kind,
    unit,
    scenarioId,
    ...(referenceId ? { referenceId } : {}),
    ...(baseline ? { baseline } : {}),
    ...(current ? { current } : {}),
  };
  if (!base) return { ...head, state: 'new', reason: 'not in the baseline (new metric): not gated' };
  if (!current) return { ...head, state: 'missing', reason: 'no valid run measured it now: cannot tell' };
  if (!baseline) return { ...head, state: 'missing', reason: 'the baseline has no valid sample: cannot tell' };
  const change = current.value / baseline.value - 1;
  if (current.n < 2 || baseline.n < 2) {
    return { ...head, state: 'inconclusive', change, reason: `${current.n} current and ${baseline.n} baseline sample(s); at least 2 each are needed to measure noise` };
  }
  const c = compareSamples(cur!.samples, base.samples, { practicalBand: band, alpha });
  const halfC = (current.ciHigh - current.ciLow) / 2 / baseline.value;
  const halfB = (baseline.ciHigh - baseline.ciLow) / 2 / baseline.value;
  const tolerance = Math.max(band, Math.hypot(halfC, halfB));
  const verdict: MetricVerdict = {
    ...head,
    state: 'pass',
    change,
    ratioCiLow: c.ratioCiLow,
    ratioCiHigh: c.ratioCiHigh,
    tolerance,
    pValue: oneSidedLessP(cur!.samples, base.samples),
    reason: '',
  };
  return { verdict, drop: -change, tolerance };
}

function judge(t: Tested, band: number, alpha: number): MetricVerdict {
  const v = t.verdict;
  const significant = (v.pHolm ?? 1) < alpha;
  const beyondTolerance = t.drop > t.tolerance;
  const ci = `95% CI ${pct(v.ratioCiLow! - 1)}..${pct(v.ratioCiHigh! - 1)}`;
  const p = `p(Holm)=${(v.pHolm ?? 1).toPrecision(2)}`;
  const head = `${pct(v.change!)} (${ci}), tolerance -${(t.tolerance * 100).toFixed(1)}%, ${p}`;
  if (beyondTolerance && significant) return { ...v, state: 'regression', reason: `${head}: dropped beyond the noise and significant` };
  if (t.drop > band) {
    const why = beyondTolerance ? 'beyond the tolerance but not significant' : 'beyond the band but within the noise';
    return { ...v, state: 'inconclusive', reason: `${head}: ${why}` };
  }
  if (t.tolerance > 2 * band) {
    return { ...v, state: 'inconclusive', reason: `${head}: too noisy to see a drop under ${(t.tolerance * 100).toFixed(0)}% (more repetitions narrow it)` };
  }
  if (v.ratioCiLow! > 1 + t.tolerance) return { ...v, state: 'improvement', reason: `${head}: better than the baseline` };
  return { ...v, state: 'pass', reason: `${head}: within the tolerance` };
}

function compareClaims(base: ClaimState[], cur: ClaimState[]): ClaimChange[] {
  const ids = [...new Set([...base.map((c) => c.id), ...cur.map((c) => c.id)])];
  return ids.map((id) => {
    const baseline = base.find((c) => c.id === id)?.verdict;
    const current = cur.find((c) => c.id === id)?.verdict;
    let state: ClaimChange['state'] = 'pass';
    if (baseline === 'supported' && current === 'refuted') state = 'regression';
    else if (baseline === 'supported' && current !== 'supported') state = 'inconclusive';
    return { id, ...(baseline ? { baseline } : {}), ...(current ? { current } : {}), state };
  });
}

export function decideGate(baseline: GateMetrics, current: GateMetrics, opts: DecideOptions = {}): GateDecision {
  const band = opts.practicalBand ?? 0.05;
  const alpha = opts.alpha ?? 0.05;
  const names = [...new Set([...baseline.metrics.map((m) => m.name), ...current.metrics.map((m) => m.name)])];
  const first = names.map((name) =>
    testMetric(
      name,
      baseline.metrics.find((m) => m.name === name),
      current.metrics.find((m) => m.name === name),
      band,
      alpha,
    ),
  );
  // Holm over the metrics that could be tested: the family is what was compared.
  const tested = first.filter((x): x is Tested => 'drop' in x);
  const adjusted = holmAdjust(tested.map((t) => t.verdict.pValue!));
  tested.forEach((t, i) => (t.verdict.pHolm = adjusted[i]));
  const metrics = first.map((x) => ('drop' in x ? judge(x, band, alpha) : x));
  const claims = compareClaims(baseline.claims, current.claims);

  const states = [...metrics.map((m) => m.state), ...claims.map((c) => c.state)];
  const outcome: GateOutcome = states.includes('regression')
    ? 'regression'
    : states.some((s) => s === 'inconclusive' || s === 'missing')
      ? 'inconclusive'
      : 'pass';
  return { outcome, metrics, claims, errors: [], warnings: [], practicalBand: band, alpha };
}
