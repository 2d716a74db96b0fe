/**
 * The two strategies that exist for claims: thread-per-request (C5) answers correctly with
 * a thread per request; forgot-await (C14) answers wrong, and the run still measures it.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIO_TAGS } from '../../bench/suites/scenario.js';
import { runShort, serverProcessesOf } from './helpers.js';

describe('strategies for the claims', () => {
  it('thread-per-request answers every request correctly, a thread each, and leaves nothing behind', async () => {
    const run = await runShort({ workload: 'sleep', strategy: 'thread-per-request', params: { sleepMs: 20 }, connections: 4, durationS: 2 });
    expect(run.state, run.reasons.join('; ')).toBe('ok');
    expect(run.client!.requests).toBeGreaterThan(5);
    expect(run.client!.wrongBodies).toBe(0);
    // Waits overlap, but every request pays a thread start: well below C/S = 200 req/s.
    expect(run.client!.rps).toBeLessThan(200);
    expect(run.ideal?.formula).toBe('C=4 * 1000/20ms');
    expect(serverProcessesOf()).toEqual([]);
  });

  it('forgot-await answers at once with wrong bodies: validation counts them and the run is invalid by design', async () => {
    const run = await runShort({
      workload: 'sleep',
      strategy: 'forgot-await',
      params: { sleepMs: 50 },
      connections: 4,
      durationS: 1,
      tags: [SCENARIO_TAGS.expectWrongAnswers],
    });
    expect(run.state).toBe('invalid');
    expect(run.reasons[0]).toMatch(/^validation request: workload 'undefined' instead of 'sleep'/);
    expect(run.client!.requests).toBeGreaterThan(100);
    expect(run.client!.wrongBodies).toBe(run.client!.requests);
    // Without the tag the load is not run at all after the failed validation.
    const untagged = await runShort({ workload: 'sleep', strategy: 'forgot-await', params: { sleepMs: 50 }, connections: 4, durationS: 1 });
    expect(untagged.state).toBe('invalid');
    expect(untagged.client).toBeUndefined();
  });
});
