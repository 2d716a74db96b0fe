import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resultsProblems } from '../../bench/gate/inputs.js';
import { mergeCommand } from '../../bench/merge/command.js';
import { crossMachineComparisons } from '../../bench/merge/cross-machine.js';
import { mergeEncodedHistograms, pooledHistogram } from '../../bench/merge/histograms.js';
import { mergeResults } from '../../bench/merge/merge-results.js';
import { mergeSegmentClients } from '../../bench/merge/segments.js';
import { provenanceLines } from '../../bench/reporters/provenance.js';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns, type Plan } from '../../bench/plan.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import { shardPlan } from '../../bench/shard.js';
import { suites } from '../../bench/suites/index.js';
import { targetSuite } from '../../bench/target-options.js';
import type { ResultsFile } from '../../bench/types.js';
import { clientFrom, fakeResults, histogramOf, samplesFor } from './fixture.js';

// `merge` writes every report; resvg's rasterisation would take seconds per chart, and no
// test here reads a PNG (test/reporters/ checks every PNG): a "PNG" is the SVG's bytes.
vi.mock('../../bench/charts/render.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../bench/charts/render.js')>();
  return { ...actual, svgToPng: (svg: string) => new TextEncoder().encode(svg) };
});

const ciPlan = planRuns(suites.ci, parseBenchOptions(['--suite', 'ci', '--repetitions', '2']));
const shardsOf = (plan: Plan, n: number, tweak: (r: ResultsFile, i: number) => void = () => {}) =>
  Array.from({ length: n }, (_, i) => {
    const s = shardPlan(plan, { index: i + 1, count: n });
    const results = fakeResults(s.plan, { runId: `run-${i + 1}`, sharding: s.sharding, hostname: `runner-${i + 1}` });
    tweak(results, i);
    return results;
  });

describe('merged latency histograms', () => {
  it('equal the histogram of all samples (counts per bucket summed, not percentiles averaged)', () => {
    const parts = [samplesFor('a', 3000, 5), samplesFor('b', 1000, 40), samplesFor('c', 17, 900)];
    const merged = mergeEncodedHistograms(parts.map((p) => histogramOf(p).encode()))!;
    // The histogram of all samples, as a run stores it (encoded: the max is kept to the
    // histogram's resolution, 3 significant digits, like every other value).
    const all = LatencyHistogram.decode(histogramOf(parts.flat()).encode());
    expect(merged.count).toBe(4017);
    expect(merged.encode()).toBe(all.encode());
    expect(merged.figures()).toEqual(all.figures());
    for (const p of [1, 10, 50, 75, 90, 99, 99.9, 99.99, 100]) expect(merged.percentileMs(p)).toBe(all.percentileMs(p));
    expect(LatencyHistogram.decode(merged.encode()).figures()).toEqual(all.figures());
    // Averaging the parts' p99 would be far from the truth here: the test can tell.
    const averaged = parts.map((p) => histogramOf(p).percentileMs(99)).reduce((a, b) => a + b) / 3;
    expect(Math.abs(averaged - all.percentileMs(99))).toBeGreaterThan(1);
    expect(mergeEncodedHistograms([histogramOf(parts[0]!).encode(), undefined])).toBeUndefined();
  });

  it('pool across the runs of a scenario, whichever shard ran them', () => {
    const merged = mergeResults(shardsOf(ciPlan, 2).map((r, i) => ({ path: `s${i}`, results: r })), { allowPartial: false, runId: 'm' });
    const id = ciPlan.scenarios[0]!.id;
    const runs = merged.runs.filter((r) => r.scenarioId === id);
    const samples = runs.flatMap((r) => samplesFor(`${id}/${r.repetition}`, 50, 0)).length;
    expect(pooledHistogram(runs)!.count).toBe(samples);
    expect(pooledHistogram(runs)!.encode()).toBe(mergeEncodedHistograms(runs.map((r) => r.client!.latencyHistogram))!.encode());
    expect(pooledHistogram([...runs, {}])).toBeUndefined();
  });

  it('segments join into one run: counts and rates summed, histogram the union', () => {
    const a = samplesFor('seg-a', 400, 2);
    const b = samplesFor('seg-b', 398, 3);
    const { client, exactLatency } = mergeSegmentClients([
      clientFrom(a, 2, { requestedRatePerS: 200, lateSends: 1, errors: 1 }),
      clientFrom(b, 2, { requestedRatePerS: 200, lateSends: 0, timeouts: 2 }),
    ]);
    expect(exactLatency).toBe(true);
    expect(client.requests).toBe(798);
    expect(client.rps).toBe(399);
    expect(client.requestedRatePerS).toBe(400);
    expect([client.errors, client.timeouts, client.lateSends]).toEqual([1, 2, 1]);
    expect(client.latencyMs).toEqual(LatencyHistogram.decode(histogramOf([...a, ...b]).encode()).figures());
    expect(LatencyHistogram.decode(client.latencyHistogram!).count).toBe(798);
    const bounded = mergeSegmentClients([{ ...clientFrom(a, 2) }, { ...clientFrom(b, 2), latencyHistogram: undefined } as never]);
    expect(bounded.exactLatency).toBe(false);
  });
});

describe('merging segments of one load', () => {
  it('gives one run per repetition at the summed rate, with a note when latency is only bounded', () => {
    const target = { url: 'http://127.0.0.1:9/x', expectStatus: 200 };
    const suite = targetSuite(target, { kind: 'rate', ratePerS: 400, durationS: 2, warmupS: 0, arrival: 'uniform', maxConnections: 8 }, 2);
    const plan = planRuns(suite, parseBenchOptions(['--target', target.url]));
    const parts = [1, 2].map((k) => fakeResults(plan, { runId: `seg-${k}`, segment: { segment: k, of: 2 }, hostname: `gen-${k}` }));
    const merged = mergeResults(parts.map((r, i) => ({ path: `seg-${i + 1}`, results: r })), { allowPartial: false, runId: 'm' });
    expect(merged.runs).toHaveLength(plan.runs.length);
    for (const run of merged.runs) {
      const sides = parts.map((p) => p.runs.find((r) => r.repetition === run.repetition)!.client!);
      expect(run.client!.rps).toBeCloseTo(sides[0]!.rps + sides[1]!.rps, 9);
      expect(run.client!.requests).toBe(sides[0]!.requests + sides[1]!.requests);
    }
    expect(merged.merged!.kind).toBe('segments');
    expect(merged.merged!.machinesByScenario[plan.scenarios[0]!.id]).toEqual(['gen-1 (Test CPU @ 2.0GHz)', 'gen-2 (Test CPU @ 2.0GHz)']);
  });
});

describe('merge refusals (exit 2, naming the difference)', () => {
  const root = mkdtempSync(join(os.tmpdir(), 'loopbench-merge-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  const write = (results: ResultsFile): string => {
    const dir = join(root, `in-${++count}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
    return dir;
  };
  const run = async (argv: string[]) => {
    const err: string[] = [];
    const out: string[] = [];
    const code = await mergeCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: root });
    return { code, err: err.join('\n'), out: out.join('\n') };
  };

  it('merges complete shards and writes results.json, raw/ and the reports', async () => {
    const dirs = shardsOf(ciPlan, 2).map(write);
    const outDir = join(root, 'merged-ok');
    const r = await run([...dirs, '--out', outDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const merged = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as ResultsFile;
    expect(merged.runs).toHaveLength(ciPlan.runs.length);
    expect(existsSync(join(outDir, 'summary.md'))).toBe(true);
    expect(readFileSync(join(outDir, 'summary.md'), 'utf8')).toContain('Merged from 2 shards');
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('How these results were produced');
  }, 60_000);

  const cases: [string, (r: ResultsFile, i: number) => void, RegExp][] = [
    ['another suite', (r, i) => i === 1 && (r.suite = 'quick'), /has suite "quick".*has "ci"/],
    ['another commit', (r, i) => i === 1 && (r.machine.gitCommit = 'def456'), /commit "def456".*same commit/],
    ['other options', (r, i) => i === 1 && (r.options['durationS'] = 3), /other options.*durationS: 3 vs unset/],
    ['another plan', (r, i) => i === 1 && r.sharding && (r.sharding.planHash = 'ffff'), /plan "ffff".*different plans/],
    ['another shard count', (r, i) => i === 1 && r.sharding && (r.sharding.of = 3), /shard count 3/],
    ['a file without --shard', (r, i) => i === 1 && delete r.sharding, /not produced with --shard or --segment/],
  ];
  it.each(cases)('refuses %s', async (_label, tweak, message) => {
    const r = await run([...shardsOf(ciPlan, 2, tweak).map(write), '--out', join(root, 'never')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('refuses duplicates: the same folder twice, or one shard index twice', async () => {
    const [a, b] = shardsOf(ciPlan, 2).map(write);
    const same = await run([a!, b!, a!]);
    expect(same.code).toBe(2);
    expect(same.err).toMatch(/same run/);
    const twice = shardsOf(ciPlan, 2, (r, i) => i === 1 && r.sharding && (r.sharding.shard = 1));
    const dup = await run(twice.map(write));
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/same part twice \(duplicate\)/);
  });

  it('names the missing shards; merges what is there with --allow-partial, marked failed', async () => {
    const dirs = shardsOf(ciPlan, 3).map(write);
    const r = await run([dirs[0]!, '--out', join(root, 'partial')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing shard 2\/3, shard 3\/3/);
    const ok = await run([dirs[0]!, '--allow-partial', '--out', join(root, 'partial')]);
    expect(ok.code).toBe(0);
    const merged = JSON.parse(readFileSync(join(root, 'partial', 'results.json'), 'utf8')) as ResultsFile;
    expect(merged.status).toBe('failed');
    expect(merged.merged!.missing).toEqual(['shard 2/3', 'shard 3/3']);
  }, 60_000);

  it('marks the merge failed when a shard did not finish (its process died mid-run)', async () => {
    const dirs = shardsOf(ciPlan, 2, (r, i) => i === 1 && (r.status = 'running')).map(write);
    const r = await run([...dirs, '--out', join(root, 'died')]);
    expect(r.code).toBe(0);
    expect((JSON.parse(readFileSync(join(root, 'died', 'results.json'), 'utf8')) as ResultsFile).status).toBe('failed');
  }, 60_000);

  it('refuses bad arguments and unreadable inputs', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--bogus', 'x'])).code).toBe(2);
    const missing = await run([join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/not found/);
  });
});

describe('comparisons across machines', () => {
  it('are flagged when the sides ran on different hosts, and only then', () => {
    const merged = mergeResults(shardsOf(ciPlan, 2).map((r, i) => ({ path: `s${i}`, results: r })), { allowPartial: false, runId: 'm' });
    expect(crossMachineComparisons(merged)).toEqual([]);
    const a = ciPlan.scenarios[0]!.id;
    const b = ciPlan.scenarios[2]!.id;
    const hosts = merged.merged!.machinesByScenario;
    expect(hosts[a]).not.toEqual(hosts[b]);
    const fake = { ...merged, comparisons: [{ claimId: 'CX', label: 'test', a, b }] };
    expect(crossMachineComparisons(fake)).toEqual([{ claimId: 'CX', label: 'test', a, b, aMachines: hosts[a], bMachines: hosts[b] }]);
    const lines = provenanceLines(fake as ResultsFile).join('\n');
    expect(lines).toContain('Comparisons across machines');
    expect(lines).toContain(`${a} on runner-`);
    expect(provenanceLines(merged).join('\n')).not.toContain('Comparisons across machines');
  });
});

describe('the gate on shards', () => {
  it('refuses one shard alone and accepts the merged file', () => {
    const shards = shardsOf(ciPlan, 2);
    expect(resultsProblems(shards[0]!).errors.join(' ')).toMatch(/shard 1\/2 only: merge every part first/);
    const merged = mergeResults(shards.map((r, i) => ({ path: `s${i}`, results: r })), { allowPartial: false, runId: 'm' });
    expect(resultsProblems(merged).errors).toEqual([]);
  });
});

describe('micro-benchmarks of shards', () => {
  it('are joined by name, whichever shard ran them', () => {
    const micro = (name: string, startedAt: string) => ({
      schemaVersion: 1, kind: 'loopbench-micro', startedAt, finishedAt: startedAt, durationMs: 10, machine: {}, loadAverage1mAtStart: 1, loadAverage1mAtEnd: 2,
      benchmarksRun: [name], results: { [name]: { marker: name } }, errors: [],
    });
    const merged = mergeResults(
      shardsOf(ciPlan, 2, (r, i) => (r.micro = micro(i === 0 ? 'gather-vs-sequential' : 'memory-per-unit', `2026-01-01T00:0${i}:00.000Z`))).map((r, i) => ({ path: `s${i}`, results: r })),
      { allowPartial: false, runId: 'm' },
    );
    const m = merged.micro as { results: Record<string, unknown>; benchmarksRun: string[]; durationMs: number };
    expect(Object.keys(m.results).sort()).toEqual(['gather-vs-sequential', 'memory-per-unit']);
    expect(m.benchmarksRun).toEqual(['gather-vs-sequential', 'memory-per-unit']);
    expect(m.durationMs).toBe(20);
  });
});
