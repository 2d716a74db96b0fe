import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { mergeResults } from '../../bench/merge/merge-results.js';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns, repetitionsOf } from '../../bench/plan.js';
import { UsageError } from '../../bench/errors.js';
import { microToRun } from '../../bench/run-suite.js';
import { comparisonGroups, comparisonKey, estimatedRunS, microShards, parsePartSpec, planHash, shardPlan } from '../../bench/shard.js';
import { suiteNames, suites } from '../../bench/suites/index.js';
import { fakeResults } from './fixture.js';

const plans = suiteNames.map((name) => [name, planRuns(suites[name], parseBenchOptions(['--suite', name]))] as const);

describe('--shard i/n parsing', () => {
  it('reads i/n and refuses what is not 1 <= i <= n', () => {
    expect(parsePartSpec('shard', '2/4')).toEqual({ index: 2, count: 4 });
    expect(parsePartSpec('shard', undefined)).toBeUndefined();
    for (const bad of ['0/3', '4/3', '1/0', '2', 'a/b', '1/2/3', '-1/2', '1.5/3', '']) {
      expect(() => parsePartSpec('shard', bad), bad).toThrow(UsageError);
    }
    expect(() => parsePartSpec('shard', '4/3')).toThrow(/i must be from 1 to n \(3\)/);
  });

  it('is a bench flag; --shard with --target is refused', () => {
    expect(parseBenchOptions(['--suite', 'ci', '--shard', '1/2']).shard).toEqual({ index: 1, count: 2 });
    expect(() => parseBenchOptions(['--shard', '3/2'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--shard', '1/2', '--target', 'http://127.0.0.1:1/'])).toThrow(/--segment/);
  });
});

describe.each(plans)('sharding the %s suite', (_name, plan) => {
  // The unsharded results, the same for every n: built once.
  let wholeResults: ReturnType<typeof fakeResults> | undefined;
  const whole = () => (wholeResults ??= fakeResults(plan));
  for (const n of [1, 2, 3, 4, 5]) {
    it(`n=${n}: every scenario and run in exactly one shard; merging gives the unsharded results and verdicts`, () => {
      const shards = Array.from({ length: n }, (_, i) => shardPlan(plan, { index: i + 1, count: n }));
      const ids = shards.flatMap((s) => s.plan.scenarios.map((x) => x.id));
      expect(ids.sort()).toEqual(plan.scenarios.map((s) => s.id).sort());
      const runs = shards.flatMap((s) => s.plan.runs.map((r) => `${r.scenario.id}#${r.repetition}`));
      expect(runs.sort()).toEqual(plan.runs.map((r) => `${r.scenario.id}#${r.repetition}`).sort());
      for (const s of shards) expect(s.sharding.planHash).toBe(planHash(plan));

      const merged = mergeResults(
        shards.map((s, i) => ({ path: `shard-${i + 1}`, results: fakeResults(s.plan, { runId: `run-${i + 1}`, sharding: s.sharding }) })),
        { allowPartial: false, runId: 'merged' },
      );
      expect(merged.scenarios).toEqual(whole().scenarios);
      expect(merged.runs.map((r) => [r.scenarioId, r.repetition, r.client!.rps])).toEqual(whole().runs.map((r) => [r.scenarioId, r.repetition, r.client!.rps]));
      expect(merged.summaries).toEqual(whole().summaries);
      expect(merged.claims).toEqual(whole().claims);
      expect(merged.comparisons).toEqual(whole().comparisons);
      expect(merged.status).toBe('complete');
    });
  }

  it('never splits a comparison group (a claim\'s scenarios, strategies on one workload and load)', () => {
    for (const n of [2, 3, 4, 5]) {
      const shardOf = new Map<string, number>();
      for (let i = 1; i <= n; i++) for (const s of shardPlan(plan, { index: i, count: n }).plan.scenarios) shardOf.set(s.id, i);
      for (const claim of Object.values(claims)) {
        const where = new Set(claim.scenarios.map((s) => shardOf.get(s.id)).filter((x) => x !== undefined));
        expect(where.size, `${claim.id} at n=${n}`).toBeLessThanOrEqual(1);
      }
      const byKey = new Map<string, Set<number>>();
      for (const s of plan.scenarios) byKey.set(comparisonKey(s), (byKey.get(comparisonKey(s)) ?? new Set()).add(shardOf.get(s.id)!));
      for (const [key, where] of byKey) expect(where.size, key).toBe(1);
    }
  });

  it('keeps repetitions interleaved inside a shard (A B A B)', () => {
    const { plan: part } = shardPlan(plan, { index: 1, count: 2 });
    // Repetition r holds every scenario that runs r times or more, in plan order (chart-only runs once).
    const expected = Array.from({ length: part.repetitions }, (_, i) => i + 1).flatMap((repetition) =>
      part.scenarios.filter((s) => repetition <= repetitionsOf(s, part.repetitions)).map((s) => `${repetition}:${s.id}`),
    );
    expect(part.runs.map((r) => `${r.repetition}:${r.scenario.id}`)).toEqual(expected);
    expect(part.runs.filter((r) => r.repetition === 1)).toHaveLength(part.scenarios.length);
  });

  it('is deterministic and balances: no shard above the largest group or the even share, whichever is more', () => {
    for (const n of [2, 3, 4]) {
      const a = Array.from({ length: n }, (_, i) => shardPlan(plan, { index: i + 1, count: n }).sharding);
      const b = Array.from({ length: n }, (_, i) => shardPlan(plan, { index: i + 1, count: n }).sharding);
      expect(a).toEqual(b);
      const total = a[0]!.planEstimatedS;
      const largest = Math.max(...comparisonGroups(plan.scenarios).map((g) => g.reduce((t, s) => t + estimatedRunS(s), 0) * plan.repetitions));
      // LPT's bound: a shard holds at most the even share plus one group.
      for (const s of a) expect(s.estimatedS).toBeLessThanOrEqual(Math.max(largest, total / n + largest) + 1);
      expect(a.reduce((t, s) => t + s.estimatedS, 0)).toBeCloseTo(total, -1);
    }
  });
});

describe('micro-benchmarks of a sharded plan', () => {
  it('each runs once, on the shard holding the scenarios of the first claim that reads it', () => {
    const options = parseBenchOptions(['--suite', 'quick']);
    const plan = planRuns(suites.quick, options);
    const names = microToRun(plan, options);
    expect(names.length).toBeGreaterThan(0);
    for (const n of [1, 2, 3]) {
      const shardOf = new Map<string, number>();
      for (let k = 1; k <= n; k++) for (const s of shardPlan(plan, { index: k, count: n }).plan.scenarios) shardOf.set(s.id, k);
      const owners = microShards(plan, n, names);
      expect([...owners.keys()].sort()).toEqual([...names].sort());
      for (const name of names) {
        const reader = Object.values(claims).find((c) => (c.needsMicro ?? []).includes(name) && c.scenarios.some((s) => shardOf.has(s.id)));
        const expected = reader ? shardOf.get(reader.scenarios.find((s) => shardOf.has(s.id))!.id) : 1;
        expect(owners.get(name), `${name} at n=${n}`).toBe(expected);
      }
    }
    // Not all on shard 1: at n = 2 the quick suite's C5 scenarios (and its memory probe) sit on shard 2.
    expect(new Set(microShards(plan, 2, names).values()).size).toBe(2);
  });
});

describe('comparison groups', () => {
  it('joins what a claim lists and what differs only in strategy; keeps the rest apart', () => {
    const plan = planRuns(suites.ci, parseBenchOptions(['--suite', 'ci']));
    const groups = comparisonGroups(plan.scenarios, []).map((g) => g.map((s) => s.id));
    expect(groups).toContainEqual(['cpu/blocking/c8', 'cpu/worker-threads/c8', 'cpu/child-process/c8', 'cpu/cluster/c8']);
    expect(groups).toContainEqual(['noop/async/c1', 'noop/bare-fastify/c1']);
    expect(groups.length).toBe(4);
    const joined = comparisonGroups(plan.scenarios, [['sleep/blocking/c4/sleepMs=10', 'sleep/async/c100']]);
    expect(joined.length).toBe(3);
  });
});
