/**
 * The registry of claims (its keys are the valid `--claims` ids) and the claims stage of
 * the pipeline: results in, one verdict per claim out, each with its evidence and the
 * comparisons behind it.
 */
import type { MicroBenchmarkName, MicroResults } from '../tools/micro/types.js';
import type { ClaimVerdict, ResultsFile, Scenario } from '../types.js';
import { c01 } from './c01-blocking-waits.js';
import { c02 } from './c02-gather.js';
import { c03 } from './c03-async-io.js';
import { c04 } from './c04-thousands.js';
import { c05 } from './c05-lightweight.js';
import { c06 } from './c06-gil.js';
import { c07 } from './c07-io-async-vs-threads.js';
import { c08 } from './c08-async-db.js';
import { c09 } from './c09-fan-out.js';
import { c10 } from './c10-cpu-on-async.js';
import { c11 } from './c11-multiprocessing.js';
import { c12 } from './c12-avoid-blocking.js';
import { c13 } from './c13-time-sleep.js';
import { c14 } from './c14-forgot-await.js';
import { c15 } from './c15-monitor-loop.js';
import { roleOf, RUNTIME_LABELS, runtimesIn, scenarioOnRuntime, type Runtime } from './runtimes.js';
import type { Claim, ClaimComparison, JudgeContext } from './types.js';

export const claims = {
  C1: c01,
  C2: c02,
  C3: c03,
  C4: c04,
  C5: c05,
  C6: c06,
  C7: c07,
  C8: c08,
  C9: c09,
  C10: c10,
  C11: c11,
  C12: c12,
  C13: c13,
  C14: c14,
  C15: c15,
} satisfies Record<string, Claim>;

export type ClaimId = keyof typeof claims;
export const claimIds = Object.keys(claims) as ClaimId[];

export function isClaimId(id: string): id is ClaimId {
  return Object.hasOwn(claims, id);
}

/** The statistics every predicate uses: a 5% practical band, alpha 0.05 per claim (Holm). */
export const JUDGE_DEFAULTS = { practicalBand: 0.05, alpha: 0.05 } as const;

/** The scenarios the given claims need, deduped by id (first definition wins), in claim order. */
export function claimScenarios(ids: readonly ClaimId[] = claimIds): Scenario[] {
  const byId = new Map<string, Scenario>();
  for (const id of ids) for (const s of claims[id].scenarios) if (!byId.has(s.id)) byId.set(s.id, s);
  return [...byId.values()];
}

/**
 * The given claims' scenarios as `runtime` plays them (a claim lists its Node.js ones; each
 * runtime judges it on the strategies in the same roles), in claim order; those with no
 * strategy in the role on that runtime are left out.
 */
export function claimScenariosOn(runtime: Runtime, ids: readonly ClaimId[] = claimIds): Scenario[] {
  return claimScenarios(ids)
    .map((s) => scenarioOnRuntime(s, runtime))
    .filter((s): s is Scenario => s !== undefined);
}

/** The micro-benchmarks the given claims read. */
export function microNeeded(ids: readonly ClaimId[] = claimIds): MicroBenchmarkName[] {
  return [...new Set(ids.flatMap((id) => claims[id].needsMicro ?? []))];
}

function microOf(results: ResultsFile): MicroResults | undefined {
  const micro = results.micro as Partial<MicroResults> | undefined;
  return micro?.kind === 'loopbench-micro' ? (micro as MicroResults) : undefined;
}

export interface ClaimsOutcome {
  verdicts: ClaimVerdict[];
  /** Every comparison the predicates made (decisive and context), for `results.comparisons`. */
  comparisons: ClaimComparison[];
}

/**
 * Judges every claim on this run's numbers, once per runtime whose scenarios are in the
 * results (runtimes.ts: a claim names roles, mapped to each runtime's strategies), so a
 * claim gets one verdict per runtime (`ClaimVerdict.runtime`), in claim order then runtime
 * order. A claim none of whose scenarios (nor micro-benchmarks) is in the results for a
 * runtime is `not-measured` there, and when that runtime has no strategy for a role the
 * claim needs, the evidence says so; a predicate that throws gives `inconclusive` with
 * the error, so one bug cannot cost the other verdicts.
 */
export function judgeAll(results: ResultsFile, overrides: Partial<JudgeContext> = {}): ClaimsOutcome {
  const micro = microOf(results);
  const planned = new Set(results.scenarios.map((s) => s.id));
  const verdicts: ClaimVerdict[] = [];
  const comparisons: ClaimComparison[] = [];
  const runtimes: Runtime[] = overrides.runtime ? [overrides.runtime] : runtimesIn(results.scenarios.filter((s) => !s.target));
  // A machine noisier than the practical band (the A/A check, when it ran): differences
  // smaller than its measured spread do not count, and every verdict says so.
  const noise = results.noise && 'spread' in results.noise ? results.noise : undefined;
  const band = overrides.practicalBand ?? JUDGE_DEFAULTS.practicalBand;
  const noisyBand = noise && noise.spread > band ? noise.spread : undefined;
  const noiseNote = noisyBand !== undefined ? ` (practical band raised from ${Math.round(band * 100)}% to ${(noisyBand * 100).toFixed(1)}%: the A/A check of this run spread that much)` : '';
  for (const id of claimIds) {
    for (const runtime of runtimes) {
      const ctx: JudgeContext = {
        ...JUDGE_DEFAULTS,
        usableCores: results.machine.usableCores,
        runtime,
        ...(micro && runtime === 'node' ? { micro } : {}),
        ...(results.parallelism ? { parallelism: results.parallelism } : {}),
        ...overrides,
        ...(noisyBand !== undefined ? { practicalBand: noisyBand } : {}),
      };
      const claim: Claim = claims[id];
      const head = { id: claim.id, runtime, quote: claim.quote, analog: claim.analog };
      const mapped = claim.scenarios.map((s) => scenarioOnRuntime(s, runtime));
      const ran = mapped.some((s) => s !== undefined && planned.has(s.id)) || (claim.needsMicro ?? []).some((name) => ctx.micro?.results[name] !== undefined);
      const missingRoles = [...new Set(claim.scenarios.filter((_, i) => mapped[i] === undefined).map((s) => roleOf(s)))];
      const why = missingRoles.length > 0 ? `: ${RUNTIME_LABELS[runtime]} has no strategy in the role ${missingRoles.join(', ')}` : '';
      if (!ran) {
        verdicts.push({ ...head, verdict: 'not-measured', evidence: `not measured in this run${why}`, scenarioIds: [] });
        continue;
      }
      try {
        const judgement = claim.judge(results, ctx);
        const evidence = judgement.verdict === 'not-measured' ? `not measured in this run${why}` : judgement.evidence + noiseNote;
        verdicts.push({ ...head, verdict: judgement.verdict, evidence, scenarioIds: judgement.scenarioIds });
        comparisons.push(...judgement.comparisons);
      } catch (error) {
        verdicts.push({ ...head, verdict: 'inconclusive', evidence: `the predicate failed: ${(error as Error).message}`, scenarioIds: [] });
      }
    }
  }
  return { verdicts, comparisons };
}

/** One verdict per claim, C1..C15 (see {@link judgeAll}). */
export function judgeClaims(results: ResultsFile): ClaimVerdict[] {
  return judgeAll(results).verdicts;
}
