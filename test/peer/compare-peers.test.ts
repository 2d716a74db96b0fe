/** The peer comparison's plan (interleaved) and its target rule, without starting anything. */
import { describe, expect, it } from 'vitest';
import { bandVerdict, defaultPeerOptions, planPeerRuns } from '../../bench/peer/compare-peers.js';
import { parsePeerArgs } from '../../bench/peer/peer-args.js';

describe('planPeerRuns', () => {
  it('alternates loopbench (lean), wrk and loopbench-autocannon per workload, repetition by repetition (A B C A B C)', () => {
    const plan = planPeerRuns({ ...defaultPeerOptions, runs: 2 });
    expect(plan.map((s) => `${s.repetition}:${s.workload}:${s.generator}`)).toEqual([
      '1:noop:loopbench', '1:noop:wrk', '1:noop:loopbench-autocannon', '1:sleep:loopbench', '1:sleep:wrk', '1:sleep:loopbench-autocannon',
      '2:noop:loopbench', '2:noop:wrk', '2:noop:loopbench-autocannon', '2:sleep:loopbench', '2:sleep:wrk', '2:sleep:loopbench-autocannon',
    ]);
  });
  it('adds the diagnostic variants on noop only', () => {
    const plan = planPeerRuns({ ...defaultPeerOptions, runs: 1, diagnose: true });
    expect(plan.filter((s) => s.workload === 'noop').map((s) => s.generator)).toEqual([
      'loopbench', 'wrk', 'loopbench-autocannon', 'loopbench-autocannon-nocheck', 'autocannon-fresh-id', 'autocannon-static', 'wrk-static',
    ]);
    expect(plan.filter((s) => s.workload === 'sleep').map((s) => s.generator)).toEqual(['loopbench', 'wrk', 'loopbench-autocannon']);
  });
});

describe('bandVerdict', () => {
  it('met when the whole interval is inside, missed when wholly outside, else unclear', () => {
    expect(bandVerdict(0.97, 0.93, 1.02, 0.9, 1.1)).toBe('met');
    expect(bandVerdict(0.6, 0.55, 0.65, 0.9, 1.1)).toBe('missed');
    expect(bandVerdict(0.92, 0.85, 0.99, 0.9, 1.1)).toBe('unclear');
    expect(bandVerdict(0.4, -0.2, 1.0, -1, 1)).toBe('met');
  });
});

describe('parsePeerArgs', () => {
  it('defaults: 5 runs, 5 s, 50 connections, 1 s warm-up', () => {
    expect(parsePeerArgs([])).toMatchObject({ runs: 5, durationS: 5, connections: 50, warmupS: 1, diagnose: false, help: false });
  });
  it('reads the flags and rejects bad values', () => {
    expect(parsePeerArgs(['--runs', '3', '--duration', '2', '--connections', '10', '--diagnose'])).toMatchObject({ runs: 3, durationS: 2, connections: 10, diagnose: true });
    expect(() => parsePeerArgs(['--duration', '1.5'])).toThrow(/whole number/);
    expect(() => parsePeerArgs(['--runs', '0'])).toThrow(/between 1/);
    expect(() => parsePeerArgs(['--bogus'])).toThrow();
  });
});

describe('pairedRatio', () => {
  it('is the geometric mean of the per-pair ratios with a t interval on the logs', async () => {
    const { pairedRatio } = await import('../../bench/peer/compare-peers.js');
    const r = pairedRatio([2, 8], [1, 2])!;
    expect(r.pairs).toBe(2);
    expect(r.ratio).toBeCloseTo(Math.sqrt(2 * 4), 12);
    // logs ln2, ln4: mean 1.5 ln2, sd ln2/√2, t(0.975, 1) = 12.7062
    const half = (12.706204736 * (Math.LN2 / Math.SQRT2)) / Math.SQRT2;
    expect(Math.log(r.ciHigh)).toBeCloseTo(1.5 * Math.LN2 + half, 6);
    expect(pairedRatio([3], [1.5])).toEqual({ pairs: 1, ratio: 2, ciLow: 2, ciHigh: 2 });
  });
});
