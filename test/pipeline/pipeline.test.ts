import { deliveredCoresText } from '../../bench/run/parallelism-control.js';
/**
 * The whole pipeline in the unit tier, on a fake runner (test/pipeline/fake-runner.ts):
 * suite → plan → runSuite (runs, raw records, summaries, claims) → every reporter of the
 * registry. The canned figures follow a "world"; the verdicts must follow the world.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MicroResults } from '../../bench/tools/micro/types.js';
import { claims } from '../../bench/claims/index.js';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns } from '../../bench/plan.js';
import { Progress } from '../../bench/progress.js';
import { REPORTERS, REPORTER_NAMES } from '../../bench/reporters/index.js';
import { RunStore } from '../../bench/results/run-store.js';
import { runSuite } from '../../bench/run-suite.js';
import { suites } from '../../bench/suites/index.js';
import { isOkRun, type ResultsFile, type Verdict } from '../../bench/types.js';
import { loadFixture } from '../reporters/fixture.js';
import { asyncEverywhereWorld, fakeRunner, physicsWorld, type World } from './fake-runner.js';

// resvg's rasterisation takes seconds per chart: here a "PNG" is the SVG's bytes, and one
// chart goes through the real rasteriser below (test/reporters/ checks every PNG).
const rasteriser = vi.hoisted(() => ({ real: undefined as undefined | ((svg: string) => Uint8Array) }));
vi.mock('../../bench/charts/render.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../bench/charts/render.js')>();
  rasteriser.real = actual.svgToPng;
  return { ...actual, svgToPng: (svg: string) => new TextEncoder().encode(svg) };
});
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const outDir = mkdtempSync(join(tmpdir(), 'loopbench-pipeline-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * Claims whose verdict the world decides: C1 (a blocked loop serves one wait at a time),
 * C10 (CPU work on the async loop is no faster than blocking), C11 (processes run CPU work
 * in parallel), C13 (time.sleep on the loop blocks it).
 */
const FLIPPING_CLAIMS = ['C1', 'C10', 'C11', 'C13'];

async function runQuickSuite(world: World, runId: string, onlyClaims: string[] = []): Promise<{ results: ResultsFile; store: RunStore; plannedRuns: number }> {
  const options = parseBenchOptions(['--suite', 'quick', ...(onlyClaims.length > 0 ? ['--claims', onlyClaims.join(',')] : [])]);
  const plan = planRuns(suites.quick, options);
  const store = new RunStore(outDir, runId);
  const micro = loadFixture().micro as MicroResults;
  const results = await runSuite(plan, options, store, {
    signal: new AbortController().signal,
    progress: new Progress(plan.runs.length, silent),
    runner: fakeRunner({ world, micro }),
  });
  return { results, store, plannedRuns: plan.runs.length };
}

const verdictOf = (results: ResultsFile, id: string): Verdict | undefined => results.claims?.find((c) => c.id === id && (c.runtime ?? 'node') === 'node')?.verdict;

describe('plan → runs → summaries → claims → reporters, on a fake runner', () => {
  let physics: Awaited<ReturnType<typeof runQuickSuite>>;
  beforeAll(async () => {
    physics = await runQuickSuite(physicsWorld, 'physics');
  }, 60_000);

  it('runs every planned run, writes each raw record and the results file', () => {
    const { results, store, plannedRuns } = physics;
    expect(results.status).toBe('complete');
    expect(results.runs).toHaveLength(plannedRuns);
    expect(readdirSync(join(store.dir, 'raw'))).toHaveLength(plannedRuns);
    const written = JSON.parse(readFileSync(join(store.dir, 'results.json'), 'utf8')) as ResultsFile;
    expect(written.runs).toHaveLength(plannedRuns);
    expect(written.claims).toEqual(results.claims);
    expect(results.summaries.map((s) => s.scenarioId).sort()).toEqual(results.scenarios.map((s) => s.id).sort());
    expect(results.calibration?.nsPerIteration).toBe(1000);
    expect(results.parallelism?.deliveredCores).toBeCloseTo(1.9);
  });

  it("records the machine's speed before every CPU-bound run, and how far it moved", () => {
    const { results } = physics;
    const cpuBound = results.runs.filter((r) => r.scenarioId.startsWith('cpu/'));
    expect(cpuBound.length).toBeGreaterThan(2);
    for (const run of cpuBound) expect(run.machineSpeed?.workPerMs, run.scenarioId).toBeGreaterThan(0);
    for (const run of results.runs.filter((r) => r.scenarioId.startsWith('sleep/'))) expect(run.machineSpeed).toBeUndefined();
    // The fake host runs every other CPU-bound run at 800 work/ms instead of 1000.
    expect(results.parallelism?.speedRange).toEqual({ slowest: 0.8, samples: cpuBound.length });
    expect(deliveredCoresText(results.parallelism!)).toContain("the cpu kernel, timed in the harness around each CPU-bound run, ran at down to 0.8× its fastest");
  });

  it('judges runs by the real validity rules: forgot-await runs are invalid for their wrong bodies, open-model runs beyond capacity for falling short', () => {
    const { results } = physics;
    const invalid = results.runs.filter((r) => r.state !== 'ok');
    const why = (pattern: RegExp) => invalid.filter((r) => r.reasons.some((reason) => pattern.test(reason)));
    expect(why(/wrong bodies/).length).toBeGreaterThan(0);
    expect(why(/below the requested/).length).toBeGreaterThan(0);
    for (const run of invalid) {
      const scenario = results.scenarios.find((s) => s.id === run.scenarioId)!;
      expect(run.state).toBe('invalid');
      if (/forgot-await/.test(scenario.strategy)) expect(run.reasons.join(' ')).toMatch(/wrong bodies/);
      else {
        expect(scenario.load.kind).toBe('rate');
        expect(run.reasons.join(' ')).toMatch(/below the requested/);
        expect(run.ideal!.idealRps).toBeLessThan(scenario.load.kind === 'rate' ? scenario.load.ratePerS : 0);
      }
    }
    for (const run of results.runs.filter(isOkRun)) expect(run.client.rps).toBeGreaterThan(0);
  });

  it('gives verdicts that follow the data: supported in the physics world, refuted when every strategy behaves like the async loop', { timeout: 60_000 }, async () => {
    const flat = (await runQuickSuite(asyncEverywhereWorld, 'async-everywhere', FLIPPING_CLAIMS)).results;
    for (const id of FLIPPING_CLAIMS) {
      expect(verdictOf(physics.results, id), `${id} on physics`).toBe('supported');
      expect(verdictOf(flat, id), `${id} when every strategy is the async loop`).toBe('refuted');
    }
    // Every claim gets a verdict per runtime of the results.
    expect(physics.results.claims).toHaveLength(Object.keys(claims).length * 2);
  });

  it.each(REPORTER_NAMES)('the %s reporter turns the results into files', { timeout: 120_000 }, async (name) => {
    const files = await REPORTERS[name](physics.results);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    for (const file of files) expect(file.contents.length, file.path).toBeGreaterThan(0);
    const svg = files.find((f) => f.path.endsWith('.svg'));
    if (svg) expect([...rasteriser.real!(String(svg.contents)).subarray(0, 8)], `${svg.path} rasterised`).toEqual(PNG_SIGNATURE);
  });
});
