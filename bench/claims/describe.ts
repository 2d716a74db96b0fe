/**
 * The sentence a comparison contributes to a claim's evidence: both sides with units (the
 * centres the ratio is a ratio of: geometric means, or medians for a ratio of medians),
 * the ratio with its interval, and why it did or did not count.
 */
import { formatCi, formatP, formatRange, formatRatio, RATIO_SYMBOL } from '../format/index.js';
import { figures } from './figures.js';
import type { CheckSpec } from './judging.js';
import type { ClaimComparison, Outcome, ThresholdDecision } from './types.js';

/** a / b with its interval, oriented so that it reads: `9.8× (95% CI 9.4–10)`, `37× lower (...)`. */
export function ratioText(c: ClaimComparison): string {
  const of = c.estimand ?? 'ratio';
  if (c.higherIsBetter) return `${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, of)})`;
  if (c.ratio > 1) return `${formatRatio(c.ratio)} higher (${formatCi(c.ratioCiLow, c.ratioCiHigh, of)})`;
  return `${formatRatio(1 / c.ratio)} lower (${formatCi(1 / c.ratioCiHigh, 1 / c.ratioCiLow, of)})`;
}

/** `label: a 1,950 req/s vs b 198 req/s, 9.8× (95% CI 9.4–10)[: qualifier]`. */
export function describe(spec: CheckSpec, c: ClaimComparison, outcome: Outcome, familySize: number, names: { a: string; b: string }): string {
  const show = figures[spec.figure].show;
  const aText = `${names.a} ${show(c.aCentre)}`;
  const bText = `${names.b} ${show(c.bCentre)}`;
  const ratio = ratioText(c);
  const head = spec.text ? spec.text(c) : `${spec.label}: ${aText} vs ${bText}, ${ratio}`;
  const v = c.verdictAfterHolm;
  let qualifier = '';
  if (c.threshold) return head + thresholdQualifier(c.threshold, familySize);
  if (!c.decisive) return head;
  const constant = 'constant' in spec.b;
  if (v === 'b-better') qualifier = constant ? `: significantly ${c.higherIsBetter ? 'below' : 'above'} ${names.b}` : `: ${names.b} better`;
  else if (v === 'a-better' && constant) qualifier = `: significantly ${c.higherIsBetter ? 'above' : 'below'} ${names.b}`;
  else if (v === 'no-clear-difference') qualifier = constant ? `: no clear difference from ${names.b}` : ': no clear difference';
  else if (v === 'inconclusive' && c.verdict !== 'inconclusive') qualifier = `: not significant after Holm over ${familySize} comparisons (adjusted p=${c.holmPValue.toFixed(3)})`;
  else if (v === 'inconclusive' && outcome === 'undecided') qualifier = `: inconclusive, ${c.reason.slice(c.reason.lastIndexOf(': ') + 2)}`;
  else if (v !== 'inconclusive' && outcome === 'undecided') qualifier = ': inconclusive, the interval is not clear of the threshold';
  return head + qualifier;
}

/**
 * `: one-sided 95% lower bound 1.52x > the midpoint √1.95 = 1.4x`, or why neither bound
 * clears the threshold (and when Holm over the refuting checks made the difference).
 */
export function thresholdQualifier(t: ThresholdDecision, refutingChecks: number): string {
  const level = `one-sided ${Math.round(t.level * 100)}%`;
  const threshold = `${t.name} = ${formatRatio(t.threshold)}`;
  if (t.side === 'above') return `: ${level} lower bound ${formatRatio(t.lowerBound)} > ${threshold}`;
  if (t.side === 'below') return `: ${level} upper bound ${formatRatio(t.upperBound)} < ${threshold}`;
  const rawRefutes = t.refutes === 'above' ? t.pAbove : t.refutes === 'below' ? t.pBelow : 1;
  const holm =
    t.refutingPAdjusted !== undefined && rawRefutes < 1 - t.level && refutingChecks > 1
      ? ` (${t.refutes} it at ${formatP(rawRefutes)}, but not after Holm over ${refutingChecks} refuting checks, adjusted ${formatP(t.refutingPAdjusted)})`
      : '';
  return `: inconclusive, the ${level} bounds ${formatRange(t.lowerBound, t.upperBound)}${RATIO_SYMBOL} do not clear ${threshold}${holm}`;
}
