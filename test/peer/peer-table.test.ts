/** The text `npm run bench:peer` prints (bench/tools/peer/peer-table.ts), from canned runs, pinned. */
import { describe, expect, it } from 'vitest';
import { summarizeOpen, type OpenRun } from '../../bench/tools/peer/open-ladder.js';
import { compareWorkload } from '../../bench/tools/peer/peer-comparison.js';
import { defaultPeerOptions, type PeerOptions } from '../../bench/tools/peer/peer-options.js';
import type { PeerReport } from '../../bench/tools/peer/peer-report.js';
import type { PeerRun } from '../../bench/tools/peer/peer-run.js';
import { peerTable } from '../../bench/tools/peer/peer-table.js';
import type { GeneratorName } from '../../bench/tools/peer/generators.js';

const options: PeerOptions = { ...defaultPeerOptions, runs: 3, workloads: ['nginx', 'noop', 'sleep'], openRates: [5_000, 10_000], openWorkloads: ['nginx'] };

/** A valid run with figures that vary a little by repetition (deterministic). */
function run(workload: string, generator: GeneratorName, repetition: number, rps: number, p50Ms: number, cpuPct: number): PeerRun {
  const jitter = 1 + (repetition - 2) * 0.01;
  const requests = Math.round(rps * jitter * 5);
  return {
    repetition, workload, generator, startedAt: '2026-12-02T10:00:00.000Z', state: 'ok', reasons: [], warnings: [],
    client: {
      requests, durationS: 5, rps: rps * jitter, errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0,
      latencyMs: { mean: p50Ms * 1.1, p50: p50Ms * jitter, p90: p50Ms * 1.5, p99: p50Ms * 3 * jitter, p999: p50Ms * 5, max: p50Ms * 8 },
    },
    clientCpuPct: cpuPct * jitter, clientCpuUsPerRequest: ((cpuPct / 100) * 5 * 1e6) / requests, serverCpuPct: 95, wallS: 5, loadAvg1: 1.2 + repetition / 10,
  };
}

function openRun(ratePerS: number, held: boolean): OpenRun {
  return {
    repetition: 1, workload: 'nginx', ratePerS, startedAt: '2026-12-02T10:00:00.000Z', state: 'ok', reasons: [], held,
    achievedRatePerS: held ? ratePerS * 0.998 : ratePerS * 0.9, requests: ratePerS * 5, failed: 0, lateSends: held ? 0 : 1234,
    p50Ms: 0.21, p99Ms: held ? 0.9 : 14.2, uncorrectedP99Ms: 0.8, clientCpuPct: held ? 41.5 : 93.2, clientCpuUsPerRequest: held ? 83 : 93, serverCpuPct: 30, loadAvg1: 1.1,
  };
}

function report(): PeerReport {
  const runs: PeerRun[] = [];
  for (let r = 1; r <= 3; r++) {
    runs.push(run('nginx', 'loopbench', r, 21_000, 2.3, 88), run('nginx', 'wrk', r, 22_500, 2.1, 60));
    runs.push(run('noop', 'loopbench', r, 9_800, 5.1, 70), run('noop', 'wrk', r, 10_050, 4.9, 45), run('noop', 'loopbench-autocannon', r, 6_400, 7.8, 99));
    runs.push(run('sleep', 'loopbench', r, 2_380, 20.6, 30), run('sleep', 'wrk', r, 2_400, 20.4, 15), run('sleep', 'loopbench-autocannon', r, 2_350, 21, 45));
  }
  const open = summarizeOpen([openRun(5_000, true), openRun(10_000, false)], options);
  return {
    schema: 'loopbench-peer/1',
    createdAt: '2026-12-02T10:05:00.000Z',
    machine: { cpuModel: 'Test CPU', cores: 2, usableCores: 2, memoryBytes: 8 * 1024 ** 3, nodeVersion: 'v20.20.2', os: 'Linux x64', gitCommit: null, lockfileSha256: null, hostname: 'test' },
    wrk: { path: '/usr/bin/wrk', version: 'wrk debian/4.1.0-3+b2 [epoll]' },
    options: { ...options, strategy: 'async', host: '127.0.0.1', wrkThreads: 1 },
    notes: ['Every generator runs on one thread.'],
    interrupted: false,
    runs,
    workloads: options.workloads.map((w) => compareWorkload(w, runs, options)),
    open,
  };
}

describe('peerTable', () => {
  it('matches the snapshot', async () => {
    await expect(`${peerTable(report())}\n`).toMatchFileSnapshot('./__snapshots__/peer-table.txt');
  });

  it('prints ratios to wrk with ×, their intervals with an en dash, and the targets', () => {
    const text = peerTable(report());
    expect(text).toMatch(/^noop c50 +loopbench +3 +[\d,]+ \[[\d,]+–[\d,]+\] +0\.9\d+× \[[\d.]+–[\d.]+\]/m);
    expect(text).toContain('Targets (issue 12):');
    expect(text).toMatch(/noop: loopbench req\/s within 10% of wrk's: ratio of medians 0\.9\d+×/);
  });
});
