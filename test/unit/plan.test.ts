import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns, repetitionsOf } from '../../bench/plan.js';
import { UsageError } from '../../bench/errors.js';
import { suites } from '../../bench/suites/index.js';

describe('plan', () => {
  it('interleaves repetitions: A B C A B C, never A A B B', () => {
    const plan = planRuns(suites.full, parseBenchOptions(['--suite', 'full', '--filter', 'sleep', '--repetitions', '3']));
    const n = plan.scenarios.length;
    expect(plan.runs).toHaveLength(3 * n);
    for (let i = 0; i < plan.runs.length; i++) {
      expect(plan.runs[i]!.scenario.id).toBe(plan.scenarios[i % n]!.id);
      expect(plan.runs[i]!.repetition).toBe(Math.floor(i / n) + 1);
    }
  });

  it('--claims keeps each runtime\'s counterparts of the claims\' scenarios (a claim lists its Node.js ones)', () => {
    const all = planRuns(suites.quick, parseBenchOptions(['--claims', 'C6']));
    const ids = all.scenarios.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['cpu/blocking/c50', 'cpu/worker-threads/c50', 'cpu/py-blocking/c50', 'cpu/py-threads/c50', 'cpu/py-processes/c50']));
    const python = planRuns(suites.quick, parseBenchOptions(['--claims', 'C1', '--runtime', 'python']));
    expect(python.scenarios.length).toBeGreaterThan(0);
    for (const s of python.scenarios) expect(s.strategy).toMatch(/^py-/);
  });

  it('keeps only the filtered workloads and strategies', () => {
    const plan = planRuns(suites.full, parseBenchOptions(['--filter', 'sleep,async']));
    expect(plan.scenarios.length).toBeGreaterThan(1);
    for (const s of plan.scenarios) expect([s.workload, s.strategy]).toEqual(['sleep', 'async']);
  });

  it('applies overrides and recomputes ids, dropping duplicates', () => {
    const plan = planRuns(suites.full, parseBenchOptions(['--filter', 'sleep,blocking', '--connections', '7', '--duration', '1']));
    const ids = plan.scenarios.map((s) => s.id);
    // The sweep (c1..c1000) collapses into one c7 scenario per distinct parameter set.
    expect(ids).toContain('sleep/blocking/c7');
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of plan.scenarios.filter((x) => x.load.kind === 'closed')) expect(s.load).toMatchObject({ connections: 7, durationS: 1 });
    // The open-model rate sweep keeps its rates (no connections to override) and takes the duration.
    for (const s of plan.scenarios.filter((x) => x.load.kind === 'rate')) expect(s.load.durationS).toBe(1);
  });

  it('covers every strategy x {noop, sleep, cpu} in quick', () => {
    const ids = suites.quick.scenarios.map((s) => `${s.workload}/${s.strategy}`);
    for (const workload of ['noop', 'sleep', 'cpu']) {
      for (const strategy of ['blocking', 'async', 'worker-threads', 'child-process', 'cluster']) {
        expect(ids).toContain(`${workload}/${strategy}`);
      }
    }
  });

  it('runs a scenario capped by maxRepetitions that many times, in the first repetitions, interleaved with the rest', () => {
    const plan = planRuns(suites.quick, parseBenchOptions(['--suite', 'quick', '--filter', 'sleep', '--repetitions', '3']));
    const capped = plan.scenarios.filter((s) => s.maxRepetitions === 1);
    expect(capped.length).toBeGreaterThan(0);
    expect(capped.length).toBeLessThan(plan.scenarios.length);
    for (const s of plan.scenarios) expect(plan.runs.filter((r) => r.scenario.id === s.id).map((r) => r.repetition), s.id).toEqual(s.maxRepetitions === 1 ? [1] : [1, 2, 3]);
    expect(plan.runs.map((r) => r.repetition)).toEqual([...plan.runs.map((r) => r.repetition)].sort((a, b) => a - b));
    expect(repetitionsOf({ maxRepetitions: 1 }, 5)).toBe(1);
    expect(repetitionsOf({}, 5)).toBe(5);
    expect(repetitionsOf({ maxRepetitions: 4 }, 2)).toBe(2);
  });

  it('refuses a filter that leaves nothing', () => {
    expect(() => planRuns(suites.quick, parseBenchOptions(['--filter', 'bare-fastify,sleep']))).toThrow(UsageError);
  });
});
