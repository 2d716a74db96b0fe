import { describe, expect, it } from 'vitest';
import { idealFor, withEfficiency } from '../../bench/ideal.js';
import { closedLoad, defineScenario } from '../../bench/suites/scenario.js';

const load = (connections: number) => closedLoad(connections, 1, 0);

describe('ideal throughput', () => {
  it('blocking sleep: 1000/sleepMs per process whatever the connections', () => {
    for (const c of [1, 10, 1000]) {
      const ideal = idealFor(defineScenario({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: 50 }, load: load(c) }), 2);
      expect(ideal?.idealRps).toBe(20);
    }
  });

  it("async sleep: Little's law, C * 1000/sleepMs", () => {
    const ideal = idealFor(defineScenario({ workload: 'sleep', strategy: 'async', params: { sleepMs: 50 }, load: load(100) }), 2);
    expect(ideal?.idealRps).toBe(2000);
  });

  it('pools on sleep: min(W, C) * 1000/sleepMs', () => {
    const wide = idealFor(defineScenario({ workload: 'sleep', strategy: 'worker-threads', poolSize: 4, params: { sleepMs: 50 }, load: load(100) }), 2);
    expect(wide?.idealRps).toBe(80);
    const narrow = idealFor(defineScenario({ workload: 'sleep', strategy: 'child-process', poolSize: 4, params: { sleepMs: 50 }, load: load(2) }), 2);
    expect(narrow?.idealRps).toBe(40);
  });

  it('cpu: min(P, K, C) * 1000/cpuMs, recording K', () => {
    const pool = idealFor(defineScenario({ workload: 'cpu', strategy: 'cluster', poolSize: 8, params: { cpuMs: 20 }, load: load(50) }), 2);
    expect(pool).toMatchObject({ idealRps: 100, coresUsed: 2 });
    const loop = idealFor(defineScenario({ workload: 'cpu', strategy: 'async', params: { cpuMs: 20 }, load: load(50) }), 2);
    expect(loop?.idealRps).toBe(50);
    const one = idealFor(defineScenario({ workload: 'cpu', strategy: 'worker-threads', poolSize: 2, params: { cpuMs: 10 }, load: load(1) }), 2);
    expect(one?.idealRps).toBe(100);
  });

  it('noop has no ideal', () => {
    expect(idealFor(defineScenario({ workload: 'noop', strategy: 'async', load: load(10) }), 2)).toBeUndefined();
  });

  it('efficiency is measured / ideal', () => {
    expect(withEfficiency({ idealRps: 20, coresUsed: 2, formula: '' }, 19).efficiency).toBeCloseTo(0.95, 10);
  });
});
