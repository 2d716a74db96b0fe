import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import type { GatherVsSequentialResult } from '../../bench/tools/micro/types.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, timing, verdictOf } from './helpers.js';

const concurrent = scenarioOf(claims.C2, 'upstream/async/c10');
const sequential = scenarioOf(claims.C2, 'upstream/async/c10/mode=sequential');

function micro(gatherMs: number, sequentialMs: number, rmePct = 1): GatherVsSequentialResult {
  return {
    timerCount: 3,
    timerMs: 20,
    gather: timing(gatherMs, rmePct),
    sequential: timing(sequentialMs, rmePct),
    gatherWallMs: gatherMs,
    sequentialWallMs: sequentialMs,
    sequentialOverGatherRatio: sequentialMs / gatherMs,
    idealGatherWallMs: 20,
    idealSequentialWallMs: 60,
    idealSequentialOverGatherRatio: 3,
  };
}

function results(concurrentP50: number, sequentialP50: number): ResultsBuilder {
  return new ResultsBuilder().series(concurrent, 'p50Ms', around(concurrentP50)).series(sequential, 'p50Ms', around(sequentialP50));
}

describe('C2: gather vs sequential', () => {
  it('is supported when Promise.all cuts a request to about one wait, in a request and in the micro-benchmark', () => {
    const v = verdictOf('C2', results(55, 260).withMicro('gather-vs-sequential', micro(20.5, 61.5)).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/Promise.all p50 55 ms vs sequential awaits p50 260 ms, 4.7\d× lower/);
    expect(v.evidence).toContain('micro: Promise.all of 3 timers of 20 ms took 20.5 ms (±1%) vs 61.5 ms (±1%) one after another, 3× (ideal 3×)');
  });

  it('is refuted when the waits do not overlap (no clear difference)', () => {
    const v = verdictOf('C2', results(250, 252).withMicro('gather-vs-sequential', micro(60, 61)).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('no clear difference');
  });

  it('is inconclusive when a part is missing or too noisy', () => {
    expect(verdictOf('C2', results(55, 260).build()).verdict).toBe('inconclusive');
    const noisy = results(55, 260).withMicro('gather-vs-sequential', micro(20, 24, 30)).build();
    expect(verdictOf('C2', noisy).verdict).toBe('inconclusive');
  });

  it('is judged on the micro-benchmark alone as partial evidence', () => {
    const v = verdictOf('C2', new ResultsBuilder().withMicro('gather-vs-sequential', micro(20.5, 61.5)).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('not measured in this run: upstream fan-out of 5 x 50 ms, 10 connections');
  });

  it('is not measured without its scenarios and micro-benchmark', () => {
    expect(verdictOf('C2', emptyResults()).verdict).toBe('not-measured');
  });
});
