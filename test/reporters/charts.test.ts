import { describe, expect, it } from 'vitest';
import { CHARTS, chartSpecs, renderCharts, type ChartName } from '../../bench/charts/index.js';
import { memoryFromMicro } from '../../bench/charts/memory-per-unit.js';
import { renderSvg } from '../../bench/charts/render.js';
import type { ResultsFile } from '../../bench/types.js';
import { loadChartFixture } from '../fixtures/chart-runs.js';
import { loadFixture } from './fixture.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const names = Object.keys(CHARTS) as ChartName[];
/**
 * One rendering of the chart fixture (SVG and PNG of every chart), shared by the per-chart
 * tests and the determinism test, which renders a second time and compares: PNG rendering
 * (resvg) dominates the unit tier's time, so each chart is rasterised twice, not three times.
 */
let shared: ReturnType<typeof renderCharts> | undefined;
const firstRendering = () => (shared ??= renderCharts(loadChartFixture()));

describe('charts', () => {
  it('the old (schema 1) fixture has data for the 7 summary kinds; the chart fixture for all 10', () => {
    expect(new Set(chartSpecs(loadFixture()).map((c) => c.name))).toEqual(new Set(names.slice(0, 7)));
    expect(new Set(chartSpecs(loadChartFixture()).map((c) => c.name))).toEqual(new Set(names));
    expect(names).toHaveLength(10);
  });

  describe.each(names)('%s', (name) => {
    it('renders a valid spec to an SVG holding its title and a PNG', async () => {
      const results = loadChartFixture();
      const spec = chartSpecs(results).find((c) => c.name === name)!.spec;
      const json = JSON.stringify(spec);
      // Title, footnote with machine facts, units on the axes, the chart font.
      const title = (spec as { title: { text: string } }).title.text;
      expect(title.length).toBeGreaterThan(10);
      expect(json).toContain(results.machine.cpuModel);
      expect(json).toContain(`${results.machine.cores} cores`);
      expect(json).toContain(`Node ${results.machine.nodeVersion}`);
      expect(json).toMatch(/"title":"[^"]*(req|ms|bytes|speedup|connections)[^"]*"/);
      expect(json).toContain('DejaVu Sans');
      const svg = await renderSvg(spec, { strict: true });
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(xml(title));
      // The PNG of this very SVG, from the shared rendering (svgToPng is a pure function of the SVG).
      const rendered = (await firstRendering()).find((c) => c.name === name)!;
      expect(rendered.svg).toBe(svg);
      const png = rendered.png;
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(png.length).toBeGreaterThan(10_000);
    });
  });

  it('titles state findings computed from the data', () => {
    const titles = Object.fromEntries(chartSpecs(loadFixture()).map((c) => [c.name, c.title]));
    expect(titles['throughput-by-strategy']).toBe("async serves 99.5× blocking's requests/s on sleep (sleepMs=50) at 100 connections");
    expect(titles['cpu-speedup']).toBe('CPU work: cluster 1.92× blocking; 2 usable cores, no parallelism control');
    expect(titles['head-of-line']).toBe('Cheap /noop p99 beside sleep (sleepMs=50): blocking 485 ms vs async 1.89 ms (257×)');
    expect(titles['loop-delay-vs-p99']).toMatch(/Spearman ρ = 0\.\d\d/);
  });

  it('the head-of-line title compares strategies of one runtime, never Node.js with Python', () => {
    const results = loadFixture();
    const blockingSleep = results.summaries.find((s) => s.tags.includes('head-of-line') && s.strategy === 'blocking')!;
    const scenario = results.scenarios.find((s) => s.id === blockingSleep.scenarioId)!;
    // A Python asyncio server that spared the cheap route far better than Node's async did.
    const py = { ...scenario, id: scenario.id.replace('blocking', 'py-asyncio'), strategy: 'py-asyncio' };
    results.scenarios.push(py);
    results.summaries.push({ ...blockingSleep, scenarioId: py.id, strategy: 'py-asyncio', probeLatencyP99Ms: { ...blockingSleep.probeLatencyP99Ms!, median: 0.01, ciLow: 0.01, ciHigh: 0.01 } });
    const title = chartSpecs(results).find((c) => c.name === 'head-of-line')!.title;
    expect(title).toBe('Cheap /noop p99 beside sleep (sleepMs=50): blocking 485 ms vs async 1.89 ms (257×)');
  });

  it('a finding follows the numbers, not a script', () => {
    const results = loadFixture();
    // Make blocking the fastest on sleep: the title must say so.
    for (const s of results.summaries) if (s.workload === 'sleep' && s.strategy === 'blocking') s.rps = { ...s.rps!, median: 5000, ciLow: 4900, ciHigh: 5100 };
    const sleepBlocking = new Set(results.summaries.filter((s) => s.workload === 'sleep' && s.strategy === 'blocking').map((s) => s.scenarioId));
    for (const r of results.runs) if (sleepBlocking.has(r.scenarioId) && r.client) r.client = { ...r.client, rps: 5000 };
    const title = chartSpecs(results).find((c) => c.name === 'throughput-by-strategy')!.title;
    expect(title).not.toContain('async serves 99.5×');
    expect(title).toMatch(/^blocking serves/);
  });

  it('leaves out a chart the run has no data for', () => {
    const results = loadFixture();
    results.summaries = results.summaries.filter((s) => !s.tags.includes('sweep') && !s.tags.includes('head-of-line') && s.workload !== 'cpu');
    const present = chartSpecs(results).map((c) => c.name);
    expect(present).not.toContain('connection-sweep');
    expect(present).not.toContain('head-of-line');
    expect(present).not.toContain('cpu-speedup');
    expect(present).toContain('throughput-by-strategy');
  });

  it('memory per unit: micro-benchmarks when present, else server RSS, and says which', () => {
    const withMicro = loadFixture();
    expect(JSON.stringify(CHARTS['memory-per-unit'](withMicro))).toContain('Source: the memory-per-unit micro-benchmark');
    const withoutMicro = loadFixture();
    delete withoutMicro.micro;
    const spec = JSON.stringify(CHARTS['memory-per-unit'](withoutMicro));
    expect(spec).toContain('the slope of server peak RSS over the number of concurrent units');
    expect(spec).not.toContain('estimated as server peak RSS ÷ concurrent units');
  });

  it('memory per unit: the marginal cost (slope of RSS over units), never total RSS ÷ units', () => {
    const r = loadFixture();
    delete r.micro;
    const base = r.summaries.find((s) => s.strategy === 'async')!;
    r.summaries = [10, 100, 1000].map((c) => ({ ...base, scenarioId: `sleep/async/c${c}`, connections: c, state: 'ok' as const, serverRssPeakBytes: 60e6 + c * 1000 }));
    const spec = JSON.stringify(CHARTS['memory-per-unit'](r));
    expect(spec).toContain('"unit":"pending async call","bytesPerUnit":1000');
    expect(spec).toContain('RSS slope over 10–1,000 units');
  });

  it('memory per unit: reads the memory-per-unit micro-benchmark, the figure C5 prints', () => {
    const unit = (rssBytesPerUnit: number) => ({ unitCount: 1, rssBytesPerUnit, pssBytesPerUnit: null, heapUsedBytesPerUnit: null, method: '' });
    const micro = { results: { 'memory-per-unit': { pendingAsyncCall: unit(978), workerThread: unit(9e6), childProcess: unit(4e7) } } };
    expect(memoryFromMicro(micro)?.map((p) => [p.unit, p.bytesPerUnit])).toEqual([
      ['pending async call', 978],
      ['worker thread', 9e6],
      ['child process', 4e7],
    ]);
  });

  it('reads micro results defensively', () => {
    expect(memoryFromMicro(undefined)).toBeUndefined();
    expect(memoryFromMicro({ memory: 'no' })).toBeUndefined();
    expect(memoryFromMicro({ memory: [{ unit: 'x' }, null, { unit: 'worker thread', rssBytesPerUnit: 5e6 }] })).toEqual([{ unit: 'worker thread', bytesPerUnit: 5e6, detail: '' }]);
  });

  it.each([
    ['no scenarios', (r: ResultsFile) => void ((r.summaries = []), (r.scenarios = []), (r.runs = []), delete r.claims, delete r.micro)],
    ['one scenario', (r: ResultsFile) => void ((r.summaries = r.summaries.filter((s) => s.scenarioId === 'sleep/async/c100')), delete r.micro)],
    ['zero figures', (r: ResultsFile) => r.summaries.forEach((s) => ((s.rps = { ...s.rps!, median: 0, ciLow: 0, ciHigh: 0 }), (s.latencyP99Ms = { ...s.latencyP99Ms!, median: 0 }), (s.eventLoopDelayP99Ms = 0)))],
    ['every run errored', (r: ResultsFile) => r.summaries.forEach((s) => (delete s.rps, delete s.latencyP50Ms, delete s.latencyP99Ms, (s.state = 'errored')))],
    ['open-model loads', (r: ResultsFile) => r.summaries.forEach((s) => (delete s.connections, (s.ratePerS = 500)))],
    ['unknown strategies', (r: ResultsFile) => void ((r.summaries[0]!.strategy = 'thread-per-request'), (r.summaries[1]!.strategy = 'zzz-custom'))],
  ])('copes with %s: valid specs, no infinite or NaN findings', async (_, mutate) => {
    const results = loadFixture();
    mutate(results);
    for (const chart of chartSpecs(results)) {
      expect(chart.title, chart.name).not.toMatch(/NaN|Infinity|∞|undefined/);
      await renderSvg(chart.spec, { strict: true });
    }
  });

  it('renders the same bytes twice', async () => {
    const first = await firstRendering();
    const second = await renderCharts(loadChartFixture());
    expect(second).not.toBe(first); // a second rendering, not the cached one
    expect(second.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
    expect(second.map((c) => Buffer.from(c.png).toString('base64'))).toEqual(first.map((c) => Buffer.from(c.png).toString('base64')));
  });
});
