/**
 * What every predicate does, once: find a scenario's valid runs, compare two samples
 * with the statistics layer, control the claim's family-wise error, and turn the checks'
 * outcomes into a verdict with its evidence.
 *
 * Rules shared by every claim:
 * - A sample is one figure over a scenario's `ok` runs; `invalid` and `errored` runs are
 *   left out, and fewer than 2 valid runs make the check undecided, with the reason.
 * - A difference counts only when `compareSamples` says it is significant and beyond the
 *   practical band, and it stays significant after Holm–Bonferroni over the claim's
 *   decisive comparisons (a significant one that does not survive becomes inconclusive).
 * - A check with a `threshold` (a directional question with a natural threshold, e.g. C6's
 *   "threads ÷ processes above 1/√K?") is decided instead by two one-sided tests of the
 *   ratio against it (stats/threshold.ts): the refuting direction Holm-adjusted over the
 *   claim's refuting directions, the other at alpha (see CheckSpec.threshold).
 * - Verdict: no check measured → `not-measured`; any check refutes → `refuted`; every
 *   check supports → `supported`; otherwise `inconclusive`.
 */
import { compareSamples, countQuantizationFloor, holmAdjust, median, pooledLogVariance, ratioVsThreshold, type LogVariancePrior } from '../stats/index.js';
import type { ResultsFile, RunRecord, Scenario, Verdict } from '../types.js';
import { describe } from './describe.js';
import { figureOf, figures } from './figures.js';
import { roleOf, RUNTIME_LABELS, scenarioOnRuntime } from './runtimes.js';
import type { ClaimComparison, Figure, JudgeContext, Judgement, Outcome, ThresholdDecision } from './types.js';

/**
 * One side of a comparison: a scenario as the claim defines it (on the Node.js strategies),
 * judged on the runtime being judged (runtimes.ts maps it by role). Named in the evidence
 * by `name`, or by the role its strategy plays (`blocking`, `threads`, ...).
 */
export interface Side {
  scenario: Scenario;
  name?: string;
}

/** A fixed reference figure (e.g. 1/S), compared as a zero-variance sample. */
export interface ConstantSide {
  constant: number;
  name: string;
}

export type Expectation = 'a-better' | 'a-not-better' | ((c: ClaimComparison) => Outcome);

export interface CheckSpec {
  /** Where, e.g. `sleep 5 ms, 100 connections`. */
  label: string;
  figure: Figure;
  a: Side;
  b: Side | ConstantSide;
  /** Defaults to the figure's own direction. */
  higherIsBetter?: boolean;
  /**
   * `a-better` (default): a better → supports; b better or no clear difference → refutes.
   * `a-not-better`: a better → refutes; b better or no clear difference → supports.
   */
  expect?: Expectation;
  /** false: printed as context, not part of the verdict nor of the Holm family. */
  decisive?: boolean;
  /** Its absence (scenario not run) does not keep the claim from `supported` (e.g. 10,000 connections). */
  optional?: boolean;
  /** The sentence before the qualifier, when the default (`label: a X vs b Y, ratio (CI)`) reads badly. */
  text?: (c: ClaimComparison) => string;
  /**
   * Test a ÷ b against this ratio, one-sided in each direction (stats/threshold.ts),
   * instead of the two-sided "better beyond the band" rule; `expect` then reads
   * `c.threshold.side`. The direction named by `refutes` is Holm-adjusted over the claim's
   * refuting directions (one refuting check is enough to refute, so they are a family);
   * the other direction is tested at alpha as it is: `supported` needs every check to
   * support, an intersection-union test whose error is at most alpha without adjustment
   * (Berger 1982). The two-sided comparison is still computed and printed (the ratio and
   * its 95% CI), but does not decide.
   */
  threshold?: { ratio: number; name: string; refutes?: 'above' | 'below' };
}

/** `floor`: the count-quantization floor of the mean log's variance, for counted rates. */
type Sample = { values: number[]; floor?: number } | { problem: string; absent: boolean };

/** Figures that are a count of requests in a window: ±1 request is always uncertain. */
const COUNTED: ReadonlySet<Figure> = new Set<Figure>(['rps', 'rpsPerMib']);

interface Part {
  outcome: Outcome;
  text: string;
  /** false: context only, whatever its outcome. */
  decisive: boolean;
  optional: boolean;
  check?: { spec: CheckSpec; comparison: ClaimComparison };
}

export class ClaimJudging {
  private readonly parts: Part[] = [];
  private readonly notes: string[] = [];
  private readonly used = new Set<string>();
  private readonly priors = new Map<Figure, LogVariancePrior | undefined>();

  constructor(
    readonly claimId: string,
    readonly results: ResultsFile,
    readonly ctx: JudgeContext,
  ) {}

  /** The claim's scenario on the runtime being judged (undefined: no strategy plays its role there). */
  resolve(scenario: Scenario): Scenario | undefined {
    return scenarioOnRuntime(scenario, this.ctx.runtime);
  }

  /** The id the scenario has on this runtime, for the evidence. */
  idOf(scenario: Scenario): string {
    return this.resolve(scenario)?.id ?? scenario.id;
  }

  /** How a side is named in the evidence: its own name, or its role. */
  nameOf(side: Side): string {
    return side.name ?? roleOf(side.scenario);
  }

  /** Whether the scenario was part of this run (planned; it may still have failed). */
  present(scenario: Scenario): boolean {
    const resolved = this.resolve(scenario);
    return resolved !== undefined && this.results.scenarios.some((s) => s.id === resolved.id);
  }

  /** Every run of the scenario, whatever its state; marks the scenario as used. */
  runsOf(scenario: Scenario): RunRecord[] {
    const resolved = this.resolve(scenario);
    if (!resolved) return [];
    if (this.present(scenario)) this.used.add(resolved.id);
    return this.results.runs.filter((r) => r.scenarioId === resolved.id);
  }

  /** Why a scenario is absent on this runtime. */
  absentReason(scenario: Scenario): string {
    if (!this.resolve(scenario)) return `${scenario.id}: ${RUNTIME_LABELS[this.ctx.runtime]} has no '${roleOf(scenario)}' strategy`;
    return `${this.idOf(scenario)}: not measured in this run`;
  }

  /** The figure over the scenario's valid runs, or why there is no usable sample. */
  sample(scenario: Scenario, figure: Figure): Sample {
    if (!this.present(scenario)) return { problem: this.absentReason(scenario), absent: true };
    const runs = this.runsOf(scenario);
    const ok = runs.filter((r) => r.state === 'ok' && figureOf(r, figure) !== undefined);
    const values = ok.map((r) => figureOf(r, figure)!);
    if (values.length >= 2) {
      const floor = COUNTED.has(figure) ? countQuantizationFloor(ok.map((r) => r.client?.requests ?? 0)) : undefined;
      return floor !== undefined ? { values, floor } : { values };
    }
    const excluded = runs.filter((r) => r.state !== 'ok');
    const why = excluded.length > 0 ? ` (${excluded.length} left out, e.g. ${excluded[0]!.state}: ${excluded[0]!.reasons[0]?.slice(0, 100) ?? 'no reason'})` : '';
    return { problem: `${this.idOf(scenario)}: ${values.length} valid run(s) of ${runs.length}${why}, at least 2 needed`, absent: false };
  }

  /** Median of the figure over the scenario's valid runs (one run is enough), for context. */
  medianOf(scenario: Scenario, figure: Figure): number | undefined {
    if (!this.present(scenario)) return undefined;
    const values = this.runsOf(scenario)
      .filter((r) => r.state === 'ok')
      .map((r) => figureOf(r, figure))
      .filter((v): v is number => v !== undefined);
    return values.length > 0 ? median(values) : undefined;
  }

  /**
   * The run's noise for a figure: its log variance pooled over every scenario of this
   * runtime with 2+ valid runs (bench/stats/moderated.ts). Each comparison moderates its
   * own variance with it, so two runs a side do not leave it with one degree of freedom.
   */
  priorFor(figure: Figure): LogVariancePrior | undefined {
    if (!this.priors.has(figure)) {
      const samples = this.results.scenarios
        .filter((s) => !s.target && scenarioOnRuntime(s, this.ctx.runtime)?.id === s.id)
        .map((s) =>
          this.results.runs
            .filter((r) => r.scenarioId === s.id && r.state === 'ok')
            .map((r) => figureOf(r, figure))
            .filter((v): v is number => v !== undefined),
        );
      this.priors.set(figure, pooledLogVariance(samples));
    }
    return this.priors.get(figure);
  }

  /**
   * Queues a comparison; its outcome is settled in {@link finish}, after Holm. Returns the
   * comparison (undefined when a side has no usable sample), whose `threshold.side` another
   * check's `expect` may read: every threshold test is settled before any outcome.
   */
  check(spec: CheckSpec): ClaimComparison | undefined {
    const a = this.sample(spec.a.scenario, spec.figure);
    const b = 'constant' in spec.b ? { values: [spec.b.constant, spec.b.constant] } : this.sample(spec.b.scenario, spec.figure);
    const missing = [a, b].find((s): s is Extract<Sample, { problem: string }> => 'problem' in s);
    const bName = 'constant' in spec.b ? spec.b.name : this.nameOf(spec.b);
    const decisive = spec.decisive ?? true;
    const optional = spec.optional ?? !decisive;
    if (missing) {
      this.parts.push({ outcome: missing.absent ? 'absent' : 'undecided', text: `${spec.label}: ${missing.problem}`, decisive, optional });
      return undefined;
    }
    const higherIsBetter = spec.higherIsBetter ?? figures[spec.figure].higherIsBetter;
    const aValues = (a as { values: number[] }).values;
    const bValues = (b as { values: number[] }).values;
    if (median(bValues) === 0) {
      this.parts.push({ outcome: 'undecided', text: `${spec.label}: ${bName} measured 0, no ratio`, decisive, optional });
      return undefined;
    }
    // A constant side has no noise of its own: only the measured side is moderated.
    const prior = this.ctx.poolNoise === false ? undefined : this.priorFor(spec.figure);
    const c = compareSamples(aValues, bValues, {
      practicalBand: this.ctx.practicalBand,
      alpha: this.ctx.alpha,
      higherIsBetter,
      ...(prior ? { prior } : {}),
      ...('constant' in spec.b ? { bIsConstant: true } : {}),
      ...countFloor(a as { floor?: number }, 'constant' in spec.b ? {} : (b as { floor?: number })),
    });
    const opts = { alpha: this.ctx.alpha, ...(prior ? { prior } : {}), ...('constant' in spec.b ? { bIsConstant: true } : {}), ...countFloor(a as { floor?: number }, 'constant' in spec.b ? {} : (b as { floor?: number })) };
    const thresholdTest = spec.threshold ? ratioVsThreshold(aValues, bValues, spec.threshold.ratio, opts) : undefined;
    if (spec.threshold && !thresholdTest) {
      this.parts.push({ outcome: 'undecided', text: `${spec.label}: a run measured 0, so no one-sided test against ${spec.threshold.name}`, decisive, optional });
      return undefined;
    }
    const comparison: ClaimComparison = {
      ...c,
      claimId: this.claimId,
      label: spec.label,
      figure: spec.figure,
      higherIsBetter,
      runtime: this.ctx.runtime,
      a: this.idOf(spec.a.scenario),
      b: 'constant' in spec.b ? `constant ${spec.b.constant}` : this.idOf(spec.b.scenario),
      aMedian: median(aValues),
      bMedian: median(bValues),
      aCentre: centreOf(aValues, c.estimand),
      bCentre: centreOf(bValues, c.estimand),
      decisive,
      holmPValue: c.pValue,
      verdictAfterHolm: c.verdict,
      ...(spec.threshold && thresholdTest
        ? { threshold: { ...thresholdTest, name: spec.threshold.name, ...(spec.threshold.refutes ? { refutes: spec.threshold.refutes } : {}), side: 'between' as const } }
        : {}),
    };
    this.parts.push({ outcome: 'undecided', text: '', decisive, optional, check: { spec, comparison } });
    return comparison;
  }

  /** A check that is not a two-sample comparison (a count, a micro-benchmark, a correlation). */
  part(outcome: Outcome, text: string, opts: { optional?: boolean } = {}): void {
    this.parts.push({ outcome, text, decisive: true, optional: opts.optional ?? false });
  }

  /** Context for the evidence, not part of the verdict. */
  note(text: string): void {
    this.notes.push(text);
  }

  /**
   * Decides each threshold test (context ones too: a decisive check may read them): Holm
   * over the refuting directions, every other direction at alpha (see CheckSpec.threshold).
   */
  private settleThresholds(tests: ThresholdDecision[]): void {
    const refuting = tests.filter((t) => t.refutes);
    const adjusted = holmAdjust(refuting.map((t) => (t.refutes === 'above' ? t.pAbove : t.pBelow)));
    refuting.forEach((t, i) => (t.refutingPAdjusted = adjusted[i]!));
    for (const t of tests) {
      const pAbove = t.refutes === 'above' ? t.refutingPAdjusted! : t.pAbove;
      const pBelow = t.refutes === 'below' ? t.refutingPAdjusted! : t.pBelow;
      t.side = pAbove < this.ctx.alpha ? 'above' : pBelow < this.ctx.alpha ? 'below' : 'between';
    }
  }

  /** Settles the queued comparisons (Holm over the decisive ones) and gives the verdict. */
  finish(opts: { refutedVerdict?: Verdict; lead?: Partial<Record<Verdict, string>> } = {}): Judgement {
    const checks = this.parts.filter((p) => p.check).map((p) => p.check!);
    this.settleThresholds(checks.filter((c) => c.comparison.threshold).map((c) => c.comparison.threshold!));
    const decisive = checks.filter((c) => c.comparison.decisive && !c.comparison.threshold);
    const adjusted = decisive.length > 0 ? holmAdjust(decisive.map((c) => c.comparison.pValue)) : [];
    decisive.forEach(({ comparison }, i) => {
      comparison.holmPValue = adjusted[i]!;
      const significant = comparison.verdict === 'a-better' || comparison.verdict === 'b-better';
      if (significant && comparison.holmPValue >= this.ctx.alpha) comparison.verdictAfterHolm = 'inconclusive';
    });
    for (const part of this.parts) {
      if (!part.check) continue;
      const { spec, comparison } = part.check;
      part.outcome = comparison.decisive ? outcomeOf(spec.expect ?? 'a-better', comparison) : 'undecided';
      part.text = describe(spec, comparison, part.outcome, comparison.threshold ? refutingCount(checks) : decisive.length, { a: this.nameOf(spec.a), b: 'constant' in spec.b ? spec.b.name : this.nameOf(spec.b) });
    }
    const measured = this.parts.filter((p) => p.decisive && p.outcome !== 'absent');
    const missing = this.parts.filter((p) => p.decisive && p.outcome === 'absent' && !p.optional);
    let verdict: Verdict;
    if (measured.length === 0) verdict = 'not-measured';
    else if (measured.some((p) => p.outcome === 'refutes')) verdict = opts.refutedVerdict ?? 'refuted';
    // `supported` needs the whole experiment: a claim measured in part stays inconclusive.
    else if (measured.every((p) => p.outcome === 'supports') && missing.length === 0) verdict = 'supported';
    else verdict = 'inconclusive';
    const absent = [...new Set(this.parts.filter((p) => p.outcome === 'absent').map((p) => p.text.split(': ')[0]!))];
    const texts =
      verdict === 'not-measured'
        ? ['not measured in this run']
        : [
            ...(opts.lead?.[verdict] ? [opts.lead[verdict]!] : []),
            ...this.parts.filter((p) => p.outcome !== 'absent').map((p) => p.text),
            ...this.notes,
            ...(absent.length > 0 ? [`not measured in this run: ${absent.join(' | ')}`] : []),
          ];
    return {
      verdict,
      evidence: texts.join('; '),
      scenarioIds: [...this.used],
      comparisons: checks.map((c) => c.comparison),
    };
  }
}

/** How many decisive threshold checks have a refuting direction (the Holm family of those directions). */
function refutingCount(checks: { comparison: ClaimComparison }[]): number {
  return checks.filter((c) => c.comparison.decisive && c.comparison.threshold?.refutes).length;
}

/** The sides' count floors, as compareSamples takes them (stats/moderated.ts). */
function countFloor(a: { floor?: number }, b: { floor?: number }): { floor?: { a?: number; b?: number } } {
  const floor = { ...(a.floor !== undefined ? { a: a.floor } : {}), ...(b.floor !== undefined ? { b: b.floor } : {}) };
  return Object.keys(floor).length > 0 ? { floor } : {};
}

function outcomeOf(expect: Expectation, c: ClaimComparison): Outcome {
  if (typeof expect === 'function') return expect(c);
  const v = c.verdictAfterHolm;
  if (v === 'inconclusive') return 'undecided';
  const aBetter = v === 'a-better';
  return (expect === 'a-better') === aBetter ? 'supports' : 'refutes';
}

/** A side's figure under the comparison's estimand: what the printed ratio is a ratio of. */
function centreOf(values: number[], estimand: ClaimComparison['estimand']): number {
  if (estimand === 'ratio of geometric means') return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
  return median(values);
}
