/**
 * Physically robust facts about the strategies, with tolerances that hold on a noisy
 * 2-core machine. Each run is short (3 s) and bounded.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runShort, serverProcessesOf } from './helpers.js';

describe('strategies under load', () => {
  it('blocking sleep 50 ms serves about 20 req/s whatever the connections (a blocked loop: 1/S)', async () => {
    for (const connections of [1, 20]) {
      const run = await runShort({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: 50 }, connections });
      expect(run.state, run.reasons.join('; ')).toBe('ok');
      expect(run.client!.rps).toBeGreaterThan(15);
      expect(run.client!.rps).toBeLessThan(21);
    }
  });

  it("async sleep 50 ms with 50 connections serves about 1000 req/s (Little's law: C/S)", async () => {
    const run = await runShort({ workload: 'sleep', strategy: 'async', params: { sleepMs: 50 }, connections: 50 });
    expect(run.state, run.reasons.join('; ')).toBe('ok');
    expect(run.client!.rps).toBeGreaterThan(700);
    expect(run.client!.rps).toBeLessThan(1010);
    expect(run.ideal?.idealRps).toBe(1000);
  });

  it.runIf(os.availableParallelism() >= 2)('a parallel strategy serves clearly more cpu requests than blocking with 2 cores', async () => {
    // Interleaved, side by side: a slow spell of the machine hits both alike.
    const blockingRps: number[] = [];
    const poolRps: number[] = [];
    for (let i = 0; i < 2; i++) {
      const blocking = await runShort({ workload: 'cpu', strategy: 'blocking', params: { cpuMs: 10 }, connections: 8 });
      const pool = await runShort({ workload: 'cpu', strategy: 'worker-threads', poolSize: 2, params: { cpuMs: 10 }, connections: 8 });
      expect(blocking.state, blocking.reasons.join('; ')).toBe('ok');
      expect(pool.state, pool.reasons.join('; ')).toBe('ok');
      blockingRps.push(blocking.client!.rps);
      poolRps.push(pool.client!.rps);
    }
    const ratio = Math.max(...poolRps) / Math.max(...blockingRps);
    expect(ratio).toBeGreaterThan(1.3);
  });

  it('every strategy answers validated requests and records server and generator figures', async () => {
    for (const strategy of ['blocking', 'async', 'worker-threads', 'child-process', 'cluster']) {
      const run = await runShort({ workload: 'sleep', strategy, params: { sleepMs: 5 }, connections: 4, durationS: 1, warmupS: 0.2 });
      expect(run.state, `${strategy}: ${run.reasons.join('; ')}`).toBe('ok');
      expect(run.client!.wrongBodies).toBe(0);
      expect(run.server!.processCount).toBeGreaterThanOrEqual(strategy === 'child-process' || strategy === 'cluster' ? 3 : 1);
      expect(run.server!.rssPeakBytes).toBeGreaterThan(10e6);
      expect(run.server!.telemetry?.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(0);
      expect(run.loadgen!.cpuPct).toBeGreaterThan(0);
    }
    expect(serverProcessesOf()).toEqual([]);
  });
});
