import { describe, expect, it } from 'vitest';
import { PROBE } from '../../bench/suites/parts/head-of-line.js';
import { runShort, serverProcessesOf } from './helpers.js';

/**
 * The cheap-route probe is paced (Poisson arrivals at PROBE.ratePerS over the measured
 * window), so it samples what a request arriving at a random moment waits, and adds the
 * same small load whatever the server does.
 */
describe('head-of-line probe', () => {
  it('is paced: about ratePerS x window requests, on a free loop and a blocked one alike', async () => {
    const durationS = 2;
    const free = await runShort({ workload: 'sleep', strategy: 'async', params: { sleepMs: 50 }, connections: 4, durationS, warmupS: 0.3, probe: PROBE });
    const blocked = await runShort({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: 50 }, connections: 4, durationS, warmupS: 0.3, probe: PROBE });
    for (const run of [free, blocked]) {
      // A late probe is the measurement, not a reason to drop the run.
      expect(run.state, run.reasons.join('; ')).toBe('ok');
      const answered = run.probe!.requests;
      // Poisson count over 2 s at 200/s: mean 400, sd 20. A closed probe on the free loop
      // sent thousands a second; on the blocked one, a few dozen.
      expect(answered).toBeGreaterThan(0.6 * PROBE.ratePerS * durationS);
      expect(answered).toBeLessThan(1.4 * PROBE.ratePerS * durationS);
    }
    // Physics: on the blocked loop most arrivals land in a 50 ms sleep and wait for its end;
    // on the free loop they are answered at once.
    expect(blocked.probe!.latencyMs.p50).toBeGreaterThan(10);
    expect(blocked.probe!.latencyMs.p99).toBeGreaterThan(45);
    expect(free.probe!.latencyMs.p99).toBeLessThan(blocked.probe!.latencyMs.p99 / 3);
    expect(serverProcessesOf()).toEqual([]);
  });
});
