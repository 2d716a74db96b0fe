/**
 * What `npm run bench` runs first, pinned: its estimated time on 2 idle cores stays within
 * the budget (so a new scenario cannot silently blow the first run up again: the old
 * plan, 9 minutes measured, estimates at ~550 s), the claims keep their repetitions, and
 * `--runtime python` runs every Python strategy × workload and every claim on Python.
 */
import { describe, expect, it } from 'vitest';
import { claimIds, claims, type ClaimId } from '../../bench/claims/index.js';
import { scenarioOnRuntime } from '../../bench/claims/runtimes.js';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns, repetitionsOf, type Plan } from '../../bench/plan.js';
import { ceilingCacheKey, ceilingText } from '../../bench/run/harness-checks.js';
import { estimatePlan, estimatedRunS, queueTailS, RUN_OVERHEAD_S, SUITE_FIXED_S } from '../../bench/suites/estimate.js';
import { ONE_RUN_CLAIMS, QUICK_BUDGET_S, QUICK_PYTHON_CLAIMS } from '../../bench/suites/quick.js';
import { closedLoad, defineScenario, SCENARIO_TAGS } from '../../bench/suites/scenario.js';
import { lockstepWindowS } from '../../bench/suites/shorten.js';
import { suites } from '../../bench/suites/index.js';
import { strategiesOfRuntime } from '../../servers/strategies/index.js';

const quickPlan = (...argv: string[]): Plan => planRuns(suites.quick, parseBenchOptions(['--suite', 'quick', ...argv]));
const runsOf = (plan: Plan, id: string) => plan.runs.filter((r) => r.scenario.id === id).length;
/** Ids of the scenarios that claims read with a confidence interval (all but ONE_RUN_CLAIMS'), on a runtime. */
const intervalIds = (runtime: 'node' | 'python', ids: readonly ClaimId[] = claimIds) =>
  new Set(
    ids
      .filter((id) => !ONE_RUN_CLAIMS.includes(id))
      .flatMap((id) => claims[id].scenarios)
      .filter((s) => !s.tags?.includes(SCENARIO_TAGS.defaultOnly))
      .map((s) => scenarioOnRuntime(s, runtime)?.id)
      .filter((id): id is string => id !== undefined),
  );

describe('the quick suite (npm run bench)', () => {
  it(`fits its budget of ${QUICK_BUDGET_S} s on 2 idle cores, whatever --runtime`, () => {
    for (const runtime of ['all', 'node', 'python']) {
      const plan = quickPlan('--runtime', runtime);
      const estimate = estimatePlan(plan);
      expect(estimate.runs).toBe(plan.runs.length);
      expect(estimate.totalS, `--runtime ${runtime}: ${plan.runs.length} runs`).toBeLessThanOrEqual(QUICK_BUDGET_S);
    }
  });

  it('the estimate adds up: fixed costs plus, per run, warm-up, window, overhead of its runtime and queue tail', () => {
    const plan = quickPlan();
    const byHand = plan.runs.reduce((sum, { scenario: s }) => sum + s.load.warmupS + s.load.durationS + RUN_OVERHEAD_S[s.strategy.startsWith('py-') ? 'python' : 'node'] + queueTailS(s), SUITE_FIXED_S);
    expect(estimatePlan(plan).totalS).toBeCloseTo(byHand, 6);
    // The old first run (every scenario 3x, 18 rate-sweep runs, 9 min measured) would not fit.
    const oldRuns = suites.quick.scenarios.length * 3 + 18 * 2;
    expect(oldRuns).toBeGreaterThan(plan.runs.length);
  });

  it('queue tails follow physics: a blocked loop works off C x S, awaited sleeps leave none, pools divide it', () => {
    const sleep = (strategy: string, connections: number, sleepMs: number) => defineScenario({ workload: 'sleep', strategy, params: { sleepMs }, load: closedLoad(connections, 1, 0.5) });
    expect(queueTailS(sleep('blocking', 1000, 5))).toBeCloseTo(5, 6);
    expect(queueTailS(sleep('async', 1000, 5))).toBe(0);
    expect(queueTailS(sleep('py-blocking', 50, 50))).toBeCloseTo(2.5, 6);
    expect(queueTailS(sleep('worker-threads', 50, 50), 2)).toBeCloseTo(1.25, 6);
    const cpu = (strategy: string) => defineScenario({ workload: 'cpu', strategy, params: { cpuMs: 20 }, load: closedLoad(50, 1, 0.5) });
    expect(queueTailS(cpu('async'))).toBeCloseTo(1, 6);
    expect(queueTailS(cpu('child-process'), 2)).toBeCloseTo(0.5, 6);
    expect(estimatedRunS(cpu('py-blocking'))).toBeGreaterThan(estimatedRunS(cpu('blocking')));
    // Open model: arrivals past capacity are worked off after the window, at most the driver's 10 s grace.
    const rate = (strategy: string, ratePerS: number, durationS: number) =>
      defineScenario({ workload: 'sleep', strategy, params: { sleepMs: 50 }, load: { kind: 'rate', ratePerS, durationS, warmupS: 0, arrival: 'uniform', maxConnections: 256 } });
    expect(queueTailS(rate('blocking', 60, 1))).toBeCloseTo(2, 6); // 60 x 50 ms = 3 s of work in a 1 s window
    expect(queueTailS(rate('blocking', 15, 1))).toBe(0); // within capacity
    expect(queueTailS(rate('async', 60, 1))).toBe(0);
    expect(queueTailS(rate('blocking', 60, 4))).toBeCloseTo(8, 6); // the old 4 s sweep: 12 s of work
    expect(queueTailS(rate('blocking', 60, 10))).toBe(10); // 30 s of work, capped by the grace
  });

  it('a server that answers in rounds gets a window of two rounds (else "no request answered")', () => {
    const sleep = (strategy: string, connections: number, sleepMs: number) => defineScenario({ workload: 'sleep', strategy, params: { sleepMs }, load: closedLoad(connections, 1, 0.5) });
    const cpu = (strategy: string) => defineScenario({ workload: 'cpu', strategy, params: { cpuMs: 20 }, load: closedLoad(50, 1, 0.5) });
    expect(lockstepWindowS(cpu('py-asyncio'))).toBeCloseTo(2, 6);
    expect(lockstepWindowS(cpu('async'))).toBeCloseTo(2, 6);
    expect(lockstepWindowS(sleep('py-blocking', 1000, 5))).toBeCloseTo(10, 6);
    expect(lockstepWindowS(sleep('py-prefork', 50, 50))).toBeCloseTo(2.5, 6);
    expect(lockstepWindowS(sleep('blocking', 1000, 5))).toBe(0); // Node.js answers as it goes
    expect(lockstepWindowS(sleep('py-asyncio', 1000, 5))).toBe(0);
    expect(lockstepWindowS(cpu('py-threads'))).toBe(0);
    const python = quickPlan('--runtime', 'python');
    for (const id of ['cpu/py-asyncio/c50', 'sleep/py-blocking/c1000/sleepMs=5', 'sleep/py-blocking/c50']) {
      const s = python.scenarios.find((x) => x.id === id)!;
      expect(s.load.durationS, id).toBeGreaterThanOrEqual(lockstepWindowS(s));
      expect(lockstepWindowS(s), id).toBeGreaterThan(1);
    }
  });

  it('every scenario a claim reads with a confidence interval runs every repetition; the rest runs once', () => {
    const plan = quickPlan();
    const needed = new Set([...intervalIds('node'), ...[...intervalIds('python', QUICK_PYTHON_CLAIMS)]]);
    expect(plan.repetitions).toBe(3);
    for (const s of plan.scenarios) expect(runsOf(plan, s.id), s.id).toBe(needed.has(s.id) ? 3 : 1);
    for (const id of intervalIds('node')) expect(runsOf(plan, id), id).toBe(3);
  });

  it(`holds every Python scenario of ${QUICK_PYTHON_CLAIMS.join(', ')}, so each gets a Python verdict`, () => {
    const ids = new Set(quickPlan().scenarios.map((s) => s.id));
    for (const claim of QUICK_PYTHON_CLAIMS) {
      for (const s of claims[claim].scenarios) {
        const python = scenarioOnRuntime(s, 'python');
        if (python && !python.tags?.includes(SCENARIO_TAGS.defaultOnly)) expect(ids.has(python.id), `${claim}: ${python.id}`).toBe(true);
      }
    }
  });

  it('--runtime python runs every Python strategy x workload, and every claim on Python', () => {
    const plan = quickPlan('--runtime', 'python');
    const pairs = new Set(plan.scenarios.map((s) => `${s.strategy}/${s.workload}`));
    const python = strategiesOfRuntime('python');
    expect(python.map((s) => s.name)).toEqual(['py-blocking', 'py-asyncio', 'py-threads', 'py-processes', 'py-prefork']);
    for (const strategy of python) {
      expect(strategy.runtime === 'python' && strategy.workloads).toEqual(['noop', 'sleep', 'cpu', 'db', 'upstream', 'file']);
      for (const workload of strategy.runtime === 'python' ? strategy.workloads : []) expect(pairs.has(`${strategy.name}/${workload}`), `${strategy.name}/${workload}`).toBe(true);
    }
    for (const s of plan.scenarios) expect(s.strategy.startsWith('py-'), s.id).toBe(true);
    for (const id of intervalIds('python')) expect(runsOf(plan, id), id).toBe(3);
    // The same python scenarios the default run holds, and more.
    const defaultPython = quickPlan().scenarios.filter((s) => s.strategy.startsWith('py-'));
    expect(plan.scenarios.length).toBeGreaterThan(defaultPython.length);
    for (const s of defaultPython) expect(plan.scenarios.some((x) => x.id === s.id), s.id).toBe(true);
  });

  it('--runtime node is the default run without Python', () => {
    const all = quickPlan();
    const node = quickPlan('--runtime', 'node');
    expect(node.scenarios.map((s) => s.id)).toEqual(all.scenarios.filter((s) => !s.strategy.startsWith('py-')).map((s) => s.id));
  });

  it('repetitionsOf caps at maxRepetitions and never exceeds the plan', () => {
    const plan = quickPlan('--repetitions', '5');
    for (const s of plan.scenarios) expect(runsOf(plan, s.id)).toBe(repetitionsOf(s, 5));
    expect(quickPlan('--repetitions', '1').runs.length).toBe(quickPlan('--repetitions', '1').scenarios.length);
  });
});

describe('the harness ceiling cache', () => {
  const machine = { hostname: 'h', cores: 2, nodeVersion: 'v20.20.2', gitCommit: 'abcdef0123456789' };

  it('is keyed by checkout: a fresh clone of the same commit measures its own', () => {
    expect(ceilingCacheKey(machine, 'lean', '/work/main')).not.toBe(ceilingCacheKey(machine, 'lean', '/tmp/x'));
    expect(ceilingCacheKey(machine, 'lean', '/work/main')).toBe(ceilingCacheKey(machine, 'lean', '/work/main/'));
    expect(ceilingCacheKey(machine, 'lean', '/work/main')).not.toBe(ceilingCacheKey(machine, 'autocannon', '/work/main'));
  });

  it('says when a cached figure was measured and under what load', () => {
    const measuredAt = '2026-12-02T17:05:09.000Z';
    expect(ceilingText({ rps: 20178.4, measuredAt, cached: true, scenarioId: 'noop/async/c64', loadAverage1m: 2.5 })).toBe('harness ceiling: 20178 req/s against noop (cached, measured at 17:05 UTC under load 2.50)');
    expect(ceilingText({ rps: 20178.4, measuredAt, cached: false, scenarioId: 'noop/async/c64', loadAverage1m: 0.3 })).toBe('harness ceiling: 20178 req/s against noop (measured now, load 0.30)');
    expect(ceilingText({ error: 'ceiling runs failed: x' })).toBe('harness ceiling: ceiling runs failed: x');
  });
});
