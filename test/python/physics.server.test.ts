/**
 * Physically robust facts about the Python strategies, measured side by side in the same
 * test (a busy machine slows both alike): time.sleep inside `async def` serialises the
 * requests of a process (≈ 1/S), asyncio.sleep overlaps them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonFacts } from '../../bench/run/python-facts.js';
import { runShort } from '../integration/helpers.js';
import { requirePython } from './helpers.js';

beforeAll(requirePython);

describe('Python strategies under load', () => {
  it('py-blocking sleep 50 ms at 10 connections serves at most ~1/S; py-asyncio serves >= 3x as much', async () => {
    const blocking = await runShort({ workload: 'sleep', strategy: 'py-blocking', params: { sleepMs: 50 }, connections: 10, durationS: 2 });
    const asyncio = await runShort({ workload: 'sleep', strategy: 'py-asyncio', params: { sleepMs: 50 }, connections: 10, durationS: 2 });
    expect(blocking.state, blocking.reasons.join('; ')).toBe('ok');
    expect(asyncio.state, asyncio.reasons.join('; ')).toBe('ok');
    // One process blocked by time.sleep: 1 / 50 ms = 20 req/s at most, whatever the connections.
    expect(blocking.client!.rps).toBeLessThanOrEqual(20 * 1.5);
    expect(asyncio.client!.rps).toBeGreaterThanOrEqual(3 * blocking.client!.rps);
    // The blocked loop shows in the lag monitor: it cannot wake before a 50 ms sleep ends.
    expect(blocking.server?.telemetry?.eventLoopDelayMs.p99).toBeGreaterThan(25);
  });

  it('the GIL: py-threads on pure-Python CPU never uses more than about one core, whatever its threads', async () => {
    // An upper bound only: a busy machine can only lower it. Threads on native code, or
    // processes, may exceed it where the machine has idle cores (a report, not a test).
    const python = await pythonFacts();
    const durationS = 2;
    const run = await runShort(
      { workload: 'cpu', strategy: 'py-threads', poolSize: 4, params: { cpuMs: 10, cpuKind: 'bytecode' }, connections: 8, durationS },
      { python },
    );
    expect(run.state, run.reasons.join('; ')).toBe('ok');
    expect(run.server!.threadCount).toBeGreaterThanOrEqual(4);
    expect(run.server!.cpuS / durationS).toBeLessThan(1.2);
  });

  it('no Nagle delay: a noop at 1 connection answers far below the ~40 ms a delayed ACK adds', async () => {
    // h11 writes headers and body in two sends: without TCP_NODELAY each keep-alive answer
    // waits for the client's delayed ACK (DESIGN.md, known traps).
    const run = await runShort({ workload: 'noop', strategy: 'py-asyncio', connections: 1, durationS: 1 });
    expect(run.state, run.reasons.join('; ')).toBe('ok');
    expect(run.client!.latencyMs.p50).toBeLessThan(20);
  });
});
