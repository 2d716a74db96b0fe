/** The peer comparison's plan (interleaved) and its target rule, without starting anything. */
import { describe, expect, it } from 'vitest';
import { defaultPeerOptions, planPeerRuns } from '../../bench/tools/peer/compare-peers.js';
import { bandVerdict } from '../../bench/tools/peer/peer-comparison.js';
import { parsePeerArgs } from '../../bench/tools/peer/peer-args.js';

describe('planPeerRuns', () => {
  it('alternates loopbench (lean), wrk and loopbench-autocannon per workload, repetition by repetition (A B C A B C)', () => {
    const plan = planPeerRuns({ ...defaultPeerOptions, runs: 2, workloads: ['noop', 'sleep'] });
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

describe('nginx and the open model in the plan', () => {
  it('measures nginx first by default, with loopbench (lean) and wrk only', () => {
    const plan = planPeerRuns({ ...defaultPeerOptions, runs: 1 });
    expect(plan.filter((s) => s.workload === 'nginx').map((s) => s.generator)).toEqual(['loopbench', 'wrk']);
    expect(plan[0]!.workload).toBe('nginx');
  });
  it('runs the open model at rising rates on nginx and noop, per repetition', async () => {
    const { planOpenRuns } = await import('../../bench/tools/peer/open-ladder.js');
    const plan = planOpenRuns({ ...defaultPeerOptions, openRates: [20_000, 5_000], openRuns: 2 });
    expect(plan.map((s) => `${s.repetition}:${s.workload}:${s.ratePerS}`)).toEqual([
      '1:nginx:5000', '1:nginx:20000', '1:noop:5000', '1:noop:20000', '2:nginx:5000', '2:nginx:20000', '2:noop:5000', '2:noop:20000',
    ]);
  });
  it('reads --workloads, --open-rates and --open-runs, refuses unknown names', () => {
    expect(parsePeerArgs(['--workloads', 'nginx', '--open-rates', '1000,2000', '--open-runs', '3'])).toMatchObject({
      workloads: ['nginx'], openWorkloads: ['nginx'], openRates: [1000, 2000], openRuns: 3,
    });
    expect(parsePeerArgs(['--open-rates', 'none']).openRates).toEqual([]);
    expect(parsePeerArgs(['--workloads', 'sleep']).openWorkloads).toEqual([]);
    expect(() => parsePeerArgs(['--workloads', 'apache'])).toThrow(/unknown 'apache'/);
    expect(() => parsePeerArgs(['--open-rates', '5k'])).toThrow(/whole number/);
  });
  it('summarizes the ladder: highest rate held, p99 at R vs R/2', async () => {
    const { summarizeOpen } = await import('../../bench/tools/peer/open-ladder.js');
    const run = (ratePerS: number, held: boolean, p99Ms: number) => ({
      repetition: 1, workload: 'nginx', ratePerS, startedAt: '', state: 'ok' as const, reasons: [], held, p99Ms, achievedRatePerS: ratePerS, clientCpuPct: 50,
    });
    const report = summarizeOpen([run(5000, true, 1), run(10_000, true, 2), run(20_000, false, 8)], { ...defaultPeerOptions, openWorkloads: ['nginx'] });
    expect(report.highestHeld).toEqual([{ workload: 'nginx', ratePerS: 10_000 }]);
    expect(report.p99VsHalf.map((q) => [q.ratePerS, q.ratio])).toEqual([[10_000, 2], [20_000, 4]]);
  });
});

describe('nginx config', () => {
  it('one process on 127.0.0.1, everything in the temp prefix, a fixed in-memory answer', async () => {
    const { nginxConfig, NGINX_BODY } = await import('../../bench/tools/peer/nginx.js');
    const conf = nginxConfig(41234, '/tmp/x');
    expect(conf).toContain('listen 127.0.0.1:41234');
    expect(conf).toContain('master_process off;');
    expect(conf).toContain('pid /tmp/x/nginx.pid;');
    expect(conf).toContain(`return 200 '${NGINX_BODY}'`);
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
    const { pairedRatio } = await import('../../bench/tools/peer/peer-comparison.js');
    const r = pairedRatio([2, 8], [1, 2])!;
    expect(r.pairs).toBe(2);
    expect(r.ratio).toBeCloseTo(Math.sqrt(2 * 4), 12);
    // logs ln2, ln4: mean 1.5 ln2, sd ln2/√2, t(0.975, 1) = 12.7062
    const half = (12.706204736 * (Math.LN2 / Math.SQRT2)) / Math.SQRT2;
    expect(Math.log(r.ciHigh)).toBeCloseTo(1.5 * Math.LN2 + half, 6);
    expect(pairedRatio([3], [1.5])).toEqual({ pairs: 1, ratio: 2, ciLow: 2, ciHigh: 2 });
  });
});
