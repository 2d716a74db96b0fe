import type { Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import type { Timing } from './timing.js';

/**
 * The connection sweep (claims C1, C3, C4). sleepMs = 200 keeps the 1,000-connection point
 * at 5,000 req/s, which 2 cores can serve and drive at once (at 50 ms it would need
 * 20,000/s); a 5 s window still holds 25 service times at 1 connection.
 */
export const SWEEP_SLEEP_MS = 200;
export const SWEEP_CONNECTIONS = [1, 10, 100, 1000];

export function sweepScenarios({ durationS, warmupS }: Timing, connections = SWEEP_CONNECTIONS): Scenario[] {
  return ['blocking', 'async'].flatMap((strategy) =>
    connections.map((c) =>
      defineScenario({ workload: 'sleep', strategy, params: { sleepMs: SWEEP_SLEEP_MS }, load: closedLoad(c, durationS, warmupS), tags: ['sweep'] }),
    ),
  );
}

/**
 * Into the thousands (C4): async sleep and upstream far beyond what threads would allow.
 * Service times grow with the connections so the rate stays within what 2 cores serve:
 * 10,000 connections at 2 s is 5,000 req/s. The warm-up staggers the connections over
 * one service time (see closed-driver.ts), so it must be at least 2 service times.
 */
export function thousandsScenarios(durationS: number, points: { connections: number; sleepMs: number }[]): Scenario[] {
  return points.map(({ connections, sleepMs }) =>
    defineScenario({
      workload: 'sleep',
      strategy: 'async',
      params: { sleepMs },
      load: closedLoad(connections, durationS, Math.max(2, (2 * sleepMs) / 1000)),
      tags: ['sweep', 'thousands'],
    }),
  );
}

/** async upstream (fan-out 1, undici client) across connections: real sockets both ways. */
export function upstreamSweepScenarios(durationS: number, connections: number[], upstreamMs = 1000): Scenario[] {
  return connections.map((c) =>
    defineScenario({
      workload: 'upstream',
      strategy: 'async',
      params: { fanout: 1, upstreamMs, httpClient: 'undici' },
      load: closedLoad(c, durationS, Math.max(2, (2 * upstreamMs) / 1000)),
      tags: ['sweep', 'thousands', 'upstream-sweep'],
    }),
  );
}
