/**
 * The three chart kinds drawn from raw runs (schema 2): their data points are checked
 * against the figures the fixture was built from (test/fixtures/chart-runs.ts), not only
 * that a file exists; and a schema-1 file says what it cannot draw.
 */
import { describe, expect, it } from 'vitest';
import { chartSpecs } from '../../bench/charts/index.js';
import { distributionPoints, latencyDistribution, percentileTicks, TOP_PERCENTILE } from '../../bench/charts/latency-distribution.js';
import { KNEE_P99_FACTOR, kneesOf, latencyVsLoad, loadPoints, minAchievedFraction } from '../../bench/charts/latency-vs-load.js';
import { overTime } from '../../bench/charts/over-time.js';
import { missingRawData } from '../../bench/charts/run-data.js';
import { renderSvg } from '../../bench/charts/render.js';
import { rampRateAt } from '../../bench/drivers/open-model/arrival-schedule.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import { OVER_TIME_P99, SLEEP_LATENCIES, SWEEP, SWEEP_30_LATENCIES, loadChartFixture } from '../fixtures/chart-runs.js';
import { loadFixture } from './fixture.js';

const valuesOf = (spec: unknown): Record<string, unknown>[] => {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o['data'] as { values?: unknown[] } | undefined;
      if (data?.values && Array.isArray(data.values)) out.push(...(data.values as Record<string, unknown>[]).filter((v) => Object.keys(v).length > 0));
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  return out;
};

/** The exact percentile of a raw list (nearest rank), for comparison with HDR's 3-digit value. */
const nearestRank = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

describe('latency percentile distribution', () => {
  it('samples evenly on the 1/(1-p) axis up to 99.99%', () => {
    const ticks = percentileTicks();
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(TOP_PERCENTILE);
    expect(ticks).toContain(50);
    expect(ticks).toContain(75);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
  });

  it('merges the ok runs and plots each strategy at the percentiles of the merged answers', () => {
    const results = loadChartFixture();
    const parts = latencyDistribution(results);
    const sleep = parts.find((p) => p.key.startsWith('sleep'))!;
    expect(sleep.key).toBe('sleep-sleepms-50-at-100-connections');
    const points = valuesOf(sleep.spec) as unknown as ReturnType<typeof distributionPoints>;
    for (const [strategy, lists] of Object.entries(SLEEP_LATENCIES)) {
      const all = [...lists[0], ...lists[1]];
      const mine = points.filter((p) => p.strategy === strategy);
      expect(mine[0]!.answers).toBe(all.length);
      for (const p of mine) {
        expect(p.inverseTail).toBeCloseTo(1 / (1 - p.percentile / 100), 6);
        // HDR keeps 3 significant digits: within 0.1% of the exact nearest-rank value.
        expect(Math.abs(p.latencyMs - nearestRank(all, p.percentile)) / nearestRank(all, p.percentile)).toBeLessThan(0.002);
      }
      // A line stops where no answer lies beyond its percentile.
      const top = Math.max(...mine.map((p) => p.percentile));
      expect(all.length * (1 - top / 100)).toBeGreaterThanOrEqual(1);
    }
    // The title is the finding at the highest of p99.9 / p99 both lines reach: blocking's
    // 400 answers reach 99.75%, not 99.9%, so p99, blocking vs async, from the data.
    const title = (sleep.spec as { title: { text: string } }).title.text;
    const p99 = (s: string) => {
      const h = LatencyHistogram.empty();
      for (const v of [...SLEEP_LATENCIES[s]![0], ...SLEEP_LATENCIES[s]![1]]) h.recordMs(v);
      return h.percentileMs(99);
    };
    expect(title).toContain('p99 on sleep (sleepMs=50) at 100 connections: blocking');
    // The title prints 3 significant digits of its own ratio; this one, from the same answers, agrees to the unit.
    expect(title).toMatch(new RegExp(`\\(${Math.round(p99('blocking') / p99('async'))}(\\.\\d)?×\\)`));
  });

  it('draws the rate sweep\'s middle rate with corrected and uncorrected lines (coordinated omission)', () => {
    const results = loadChartFixture();
    const part = latencyDistribution(results).find((p) => p.key === 'sleep-sleepms-50-at-30-req-s-open-model')!;
    const points = valuesOf(part.spec) as unknown as ReturnType<typeof distributionPoints>;
    for (const [strategy, [corrected, uncorrected]] of Object.entries(SWEEP_30_LATENCIES)) {
      for (const [timing, list] of [['corrected', corrected], ['uncorrected', uncorrected]] as const) {
        const all = [...list, ...list]; // two ok runs, the same list each
        const median = points.find((p) => p.strategy === strategy && p.timing === timing && p.percentile === 50)!;
        expect(Math.abs(median.latencyMs - nearestRank(all, 50)) / nearestRank(all, 50)).toBeLessThan(0.002);
      }
    }
    const top = (strategy: string, timing: string) => Math.max(...points.filter((p) => p.strategy === strategy && p.timing === timing).map((p) => p.latencyMs));
    expect(top('blocking', 'corrected')).toBeGreaterThan(10 * top('blocking', 'uncorrected'));
    expect(JSON.stringify(part.spec)).toContain('Dashed: uncorrected');
  });

  it('draws corrected and uncorrected lines for an open-model scenario', () => {
    const results = loadChartFixture();
    const s = results.summaries.find((x) => x.scenarioId === 'sleep/async/c100')!;
    const open = { ...s, ratePerS: 500 };
    delete open.connections;
    for (const r of results.runs.filter((r) => r.scenarioId === s.scenarioId && r.state === 'ok')) r.client!.uncorrectedLatencyHistogram = r.client!.latencyHistogram!;
    const points = distributionPoints(results, [open]);
    expect(new Set(points.map((p) => p.timing))).toEqual(new Set(['corrected', 'uncorrected']));
  });
});

describe('latency against offered load', () => {
  it('plots the median p50/p99 per offered rate and finds each knee from the runs', () => {
    const results = loadChartFixture();
    const [part] = latencyVsLoad(results);
    expect(part!.key).toBe('sleep-sleepms-50');
    const sweep = results.summaries.filter((s) => s.tags.includes('rate-sweep'));
    const points = loadPoints(results, sweep);
    for (const [strategy, rows] of Object.entries(SWEEP)) {
      for (const [rate, rps, p50, p99] of rows) {
        const p = points.find((x) => x.strategy === strategy && x.offeredPerS === rate)!;
        expect([p.achievedPerS, p.p50Ms, p.p99Ms]).toEqual([rps, p50, p99]);
        // Pass: kept up (98%, less a short window's granularity) and p99 within 10 service times (500 ms).
        expect(p.pass).toBe(rps >= minAchievedFraction(rate, 4, 50) * rate && p99 <= KNEE_P99_FACTOR * 50);
      }
    }
    // A saturated rate's runs are invalid (they did not keep up): still drawn, faded.
    for (const r of results.runs.filter((x) => x.scenarioId === 'sleep/blocking/r60')) r.state = 'invalid';
    expect(loadPoints(results, sweep).find((x) => x.strategy === 'blocking' && x.offeredPerS === 60)).toMatchObject({ p99Ms: 4800, state: 'invalid', pass: false });
    const knees = Object.fromEntries(kneesOf(results, points, sweep).map((k) => [k.strategy, k]));
    expect([knees['blocking']!.kneePerS, knees['blocking']!.firstFailPerS]).toEqual([15, 30]);
    expect([knees['worker-threads']!.kneePerS, knees['worker-threads']!.firstFailPerS]).toEqual([30, 60]);
    expect([knees['async']!.kneePerS, knees['async']!.firstFailPerS]).toEqual([60, null]);
    // Capacity beside it: Little's law on the fixture's 2 usable cores (blocked loop 1/S, pool of 2).
    expect(knees['blocking']!.capacityPerS).toBe(20);
    expect(knees['worker-threads']!.capacityPerS).toBe(40);
    const rows = valuesOf(part!.spec);
    expect(rows.filter((r) => r['percentile'] === 'p99')).toHaveLength(9);
    expect(rows.filter((r) => r['shape'] === undefined && r['latencyMs'] === 90 && r['offeredPerS'] === 15).length).toBeGreaterThan(0);
    const title = (part!.spec as { title: { text: string } }).title.text;
    expect(title).toBe('sleep (sleepMs=50): async holds p99 at every rate up to 60/s; blocking saturates at 15–30/s');
  });
});

describe('over time', () => {
  it('plots the cheap route per second from the first ok run, with the loop delay', () => {
    const results = loadChartFixture();
    const parts = overTime(results);
    const hol = parts.find((p) => p.key.startsWith('head-of-line'))!;
    const rows = valuesOf(hol.spec);
    for (const [strategy, p99s] of Object.entries(OVER_TIME_P99)) {
      const mine = rows.filter((r) => r['strategy'] === strategy && r['series'] === '/noop p99').sort((a, b) => Number(a['tS']) - Number(b['tS']));
      expect(mine.map((r) => r['value'])).toEqual(p99s);
    }
    expect(rows.filter((r) => r['series'] === 'event-loop delay p99').map((r) => r['value'])).toEqual([155, 150, 165, 160]);
    const title = (hol.spec as { title: { text: string } }).title.text;
    expect(title).toBe('Cheap /noop p99 beside cpu (cpuMs=20), each second: up to 171 ms with blocking, 4.2 ms with worker-threads');
  });

  it('plots a ramp: offered from the schedule, completed and p99 from the run', () => {
    const results = loadChartFixture();
    const ramp = overTime(results).find((p) => p.key.startsWith('ramp'))!;
    const rows = valuesOf(ramp.spec);
    const offered = rows.filter((r) => r['series'] === 'offered').map((r) => r['value']);
    expect(offered).toEqual([0, 1, 2, 3, 4, 5].map((t) => rampRateAt(5, { toRatePerS: 35, durationS: 6 }, t + 0.5)));
    expect(rows.filter((r) => r['series'] === 'p99').map((r) => r['value'])).toEqual([55, 56, 60, 400, 1500, 2900]);
    expect((ramp.spec as { title: { text: string } }).title.text).toMatch(/p99 jumps from 55 ms to 1\.5 s once 27\.5 req\/s are offered/);
  });
});

describe('results files without raw data (schema 1)', () => {
  it('load, draw what they can, and say what they cannot', async () => {
    const old = loadFixture();
    const names = chartSpecs(old).map((c) => c.name);
    expect(names).not.toContain('latency-distribution');
    expect(names).not.toContain('over-time');
    expect(missingRawData(old).join('\n')).toMatch(/latency-distribution: the runs of this file keep no latency histograms \(results schema version 1\)/);
    expect(missingRawData(loadChartFixture())).toEqual([]);
  });

  it('every new chart renders without a vega-lite warning', async () => {
    for (const chart of chartSpecs(loadChartFixture()).filter((c) => ['latency-distribution', 'latency-vs-load', 'over-time'].includes(c.name))) await renderSvg(chart.spec, { strict: true });
  });
});
