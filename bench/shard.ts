/**
 * `--shard i/n`: a deterministic split of a plan into n parts of about equal estimated
 * duration, that never separates scenarios compared with each other. Runner-to-runner
 * noise dominates the effects loopbench measures, so a comparison measured across two CI
 * runners would compare the runners, not the strategies.
 *
 * Comparison groups are the connected components of "compared with each other":
 * - the scenarios one claim lists (bench/claims/*) are compared by its predicate;
 * - scenarios sharing workload, variant, parameters, load and probe (they differ only in
 *   strategy or pool size) are the strategy comparisons of the charts and the gate's
 *   ratios (bench/gate/metrics.ts pairs a scenario with its reference strategy this way).
 * A group goes to one shard whole; its repetitions stay interleaved there (A B A B), as
 * the shard's plan is interleaved like any plan.
 *
 * Balancing: longest-processing-time first (groups by estimated seconds, descending; each
 * to the least loaded shard; ties by the group's first scenario in plan order, then the
 * lowest shard index). Pure and deterministic: every runner computes the same split from
 * the same plan without talking to the others.
 */
import { createHash } from 'node:crypto';
import { claims } from './claims/index.js';
import { repetitionsOf, type Plan } from './plan.js';
import { UsageError } from './errors.js';
import type { Scenario } from './types.js';

export interface PartSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n <= 1000) for `--shard` or `--segment`; UsageError otherwise. */
export function parsePartSpec(flag: 'shard' | 'segment', raw: string | undefined): PartSpec | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const example = flag === 'shard' ? '--shard 2/4 (the second of four shards)' : '--segment 1/3 (the first of three segments)';
  if (!match) throw new UsageError(`--${flag} must be i/n with whole numbers, e.g. ${example}; got '${raw}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 1000) throw new UsageError(`--${flag} i/n: n must be from 1 to 1000; got '${raw}'`);
  if (index < 1 || index > count) throw new UsageError(`--${flag} i/n: i must be from 1 to n (${count}), counting from 1; got '${raw}'`);
  return { index, count };
}

/**
 * Seconds one run costs besides its warm-up and window: start the server (pools fork or
 * spawn), validate one answer, drain, collect telemetry, stop and check the process tree.
 * A rough constant: it only weighs the balance, it never limits anything.
 */
export const RUN_OVERHEAD_S = 1.5;

/** Estimated seconds of one run of a scenario. */
export function estimatedRunS(scenario: Scenario): number {
  return scenario.load.warmupS + scenario.load.durationS + RUN_OVERHEAD_S;
}

/** What a scenario shares with the strategies it is compared with (everything but strategy and pool size). */
export function comparisonKey(s: Scenario): string {
  const load = s.load.kind === 'closed' ? `c${s.load.connections}` : `r${s.load.ratePerS}`;
  const params = Object.keys(s.params)
    .sort()
    .map((k) => `${k}=${String(s.params[k])}`)
    .join(',');
  return [s.workload, s.variant ?? '', load, params, s.probe ? 'probe' : ''].join('|');
}

/** Union-find over scenario indices. */
class Components {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index is the root: groups are named by their first scenario in plan order.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Scenario ids each claim compares (the registry's lists), for grouping. */
export function claimGroups(): string[][] {
  return Object.values(claims).map((claim) => claim.scenarios.map((s) => s.id));
}

/**
 * The plan's scenarios in comparison groups, each in plan order, groups ordered by their
 * first scenario. `groupsOfIds` defaults to the claims' lists.
 */
export function comparisonGroups(scenarios: readonly Scenario[], groupsOfIds: readonly (readonly string[])[] = claimGroups()): Scenario[][] {
  const indexOf = new Map(scenarios.map((s, i) => [s.id, i]));
  const components = new Components(scenarios.length);
  for (const ids of groupsOfIds) {
    const present = ids.map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
    for (const i of present.slice(1)) components.union(present[0]!, i);
  }
  const byKey = new Map<string, number>();
  scenarios.forEach((s, i) => {
    const key = comparisonKey(s);
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, i);
    else components.union(first, i);
  });
  const groups = new Map<number, Scenario[]>();
  scenarios.forEach((s, i) => {
    const root = components.find(i);
    const group = groups.get(root) ?? [];
    group.push(s);
    groups.set(root, group);
  });
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => group);
}

/** A stable hash of what a plan runs (scenarios with their loads, repetitions, suite): all shards of one plan share it. */
export function planHash(plan: Pick<Plan, 'suite' | 'repetitions' | 'scenarios'>): string {
  const canonical = JSON.stringify({ suite: plan.suite.name, repetitions: plan.repetitions, scenarios: plan.scenarios.map(sortedKeys) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** What a shard's results file records about the split (`results.sharding`). */
export interface ShardingInfo {
  shard: number;
  of: number;
  /** Hash of the whole (unsharded) plan: shards merge only with shards of the same plan. */
  planHash: string;
  /** Every scenario of the whole plan, in plan order (merge checks coverage and keeps the order). */
  planScenarioIds: string[];
  /** The scenarios this shard runs. */
  scenarioIds: string[];
  /** Comparison groups in the whole plan, and in this shard. */
  groups: number;
  shardGroups: number;
  /** Estimated seconds of this shard's runs (RUN_OVERHEAD_S included), and of the whole plan's. */
  estimatedS: number;
  planEstimatedS: number;
}

export interface ShardedPlan {
  plan: Plan;
  sharding: ShardingInfo;
}

/** Splits the scenarios of a plan into `count` parts (pure): each part's scenario ids. */
export function splitScenarios(plan: Plan, count: number): { parts: Scenario[][]; estimatedS: number[]; groups: number[] } {
  const groups = comparisonGroups(plan.scenarios);
  const weight = (g: Scenario[]) => g.reduce((sum, s) => sum + estimatedRunS(s) * repetitionsOf(s, plan.repetitions), 0);
  const order = groups.map((g, i) => ({ g, i, w: weight(g) })).sort((a, b) => b.w - a.w || a.i - b.i);
  const load = Array.from({ length: count }, () => 0);
  const assigned = Array.from({ length: count }, () => new Set<string>());
  const groupCount = Array.from({ length: count }, () => 0);
  for (const { g, w } of order) {
    let best = 0;
    for (let k = 1; k < count; k++) if (load[k]! < load[best]!) best = k;
    load[best]! += w;
    groupCount[best]!++;
    for (const s of g) assigned[best]!.add(s.id);
  }
  return { parts: assigned.map((ids) => plan.scenarios.filter((s) => ids.has(s.id))), estimatedS: load, groups: groupCount };
}

/**
 * Which shard runs each micro-benchmark: the shard holding the scenarios of the first
 * claim (registry order) that reads it, so a claim judges its micro figures and its runs
 * from one machine; shard 1 when no such claim has scenarios in the plan.
 */
export function microShards<Name extends string>(plan: Plan, count: number, names: readonly Name[]): Map<Name, number> {
  const { parts } = splitScenarios(plan, count);
  const shardOf = new Map(parts.flatMap((part, k) => part.map((s) => [s.id, k + 1] as const)));
  const owners = new Map<Name, number>();
  for (const name of names) {
    const readers = Object.values(claims).filter((c) => ((c.needsMicro ?? []) as readonly string[]).includes(name));
    const shard = readers.flatMap((c) => c.scenarios.map((s) => shardOf.get(s.id)).filter((k): k is number => k !== undefined))[0];
    owners.set(name, shard ?? 1);
  }
  return owners;
}

/** The plan of shard `index` of `count`: its scenarios (plan order), interleaved repetitions. */
export function shardPlan(plan: Plan, spec: PartSpec): ShardedPlan {
  const { parts, estimatedS, groups } = splitScenarios(plan, spec.count);
  const scenarios = parts[spec.index - 1]!;
  const ids = new Set(scenarios.map((s) => s.id));
  const runs = plan.runs.filter((r) => ids.has(r.scenario.id));
  return {
    plan: { ...plan, scenarios, runs },
    sharding: {
      shard: spec.index,
      of: spec.count,
      planHash: planHash(plan),
      planScenarioIds: plan.scenarios.map((s) => s.id),
      scenarioIds: scenarios.map((s) => s.id),
      groups: groups.reduce((a, b) => a + b, 0),
      shardGroups: groups[spec.index - 1]!,
      estimatedS: Math.round(estimatedS[spec.index - 1]!),
      planEstimatedS: Math.round(estimatedS.reduce((a, b) => a + b, 0)),
    },
  };
}
