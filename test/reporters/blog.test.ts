/**
 * The blog set: one chart per finding (the by-strategy charts split by workload, each with
 * its own computed title), every file kind for each, a 1200×675 card, captions with the
 * run's conditions, summary.md embedding the PNGs with alt text, and the same bytes twice.
 */
import { describe, expect, it } from 'vitest';
import { blogSpecs, captionMarkdown, runConditions } from '../../bench/charts/blog.js';
import { blog } from '../../bench/reporters/blog.js';
import { renderMarkdown } from '../../bench/reporters/markdown.js';
import { loadChartFixture } from '../fixtures/chart-runs.js';

const pngSize = (png: Uint8Array) => {
  const view = Buffer.from(png);
  return [view.readUInt32BE(16), view.readUInt32BE(20)];
};

describe('blog output', () => {
  it('splits throughput-by-strategy into one chart per workload, each titled by its own finding', () => {
    const results = loadChartFixture();
    const split = blogSpecs(results).filter((c) => c.name === 'throughput-by-strategy');
    expect(split.map((c) => c.file)).toEqual(['throughput-by-strategy--noop', 'throughput-by-strategy--sleep-sleepms-50', 'throughput-by-strategy--cpu-cpums-20']);
    const sleep = split.find((c) => c.file.includes('sleep'))!;
    // The title's ratio is of the geometric means of the runs' req/s (the claims' estimator).
    const rps = (strategy: string) => {
      const values = results.runs.filter((r) => r.scenarioId === `sleep/${strategy}/c100` && r.state === 'ok').map((r) => r.client!.rps);
      return Math.exp(values.reduce((t, v) => t + Math.log(v), 0) / values.length);
    };
    expect(sleep.title).toBe(`async serves ${Number((rps('async') / rps('blocking')).toPrecision(3))}× blocking's requests/s on sleep (sleepMs=50) at 100 connections`);
    expect(split.find((c) => c.file.endsWith('cpu-cpums-20'))!.title).not.toBe(sleep.title);
  });

  // Rendering every chart twice is CPU work, not a timing assertion: a generous timeout.
  it('writes svg, 2x png, spec, caption and a 1200×675 card per chart, the same bytes twice', { timeout: 90_000 }, async () => {
    const first = await blog(loadChartFixture());
    const second = await blog(loadChartFixture());
    expect(second.map((f) => f.path)).toEqual(first.map((f) => f.path));
    second.forEach((f, i) => expect(Buffer.from(f.contents).equals(Buffer.from(first[i]!.contents)), f.path).toBe(true));
    const files = blogSpecs(loadChartFixture()).map((c) => c.file);
    for (const file of files) for (const ext of ['svg', 'png', 'vl.json', 'caption.md', 'card.png']) expect(first.some((f) => f.path === `blog/${file}.${ext}`), `${file}.${ext}`).toBe(true);
    const card = first.find((f) => f.path.endsWith('.card.png'))!;
    expect(pngSize(card.contents as Uint8Array)).toEqual([1200, 675]);
    const svg = String(first.find((f) => f.path === `blog/${files[0]}.svg`)!.contents);
    const png = first.find((f) => f.path === `blog/${files[0]}.png`)!;
    const width = Number(/width="([\d.]+)"/.exec(svg)![1]);
    expect(pngSize(png.contents as Uint8Array)[0]).toBe(Math.round(width * 2));
  });

  it('captions state the finding and the conditions: cores, load average, Node, windows', () => {
    const results = loadChartFixture();
    results.loadAverage1m = { atStart: 0.42, atEnd: 1.5 };
    const chart = blogSpecs(results)[0]!;
    const text = captionMarkdown(results, chart);
    expect(text.startsWith(`**${chart.title}**`)).toBe(true);
    expect(runConditions(results)).toContain(`${results.machine.cores} cores (${results.machine.usableCores} usable)`);
    expect(text).toContain('load average 0.42 at start, 1.50 at end');
    expect(text).toContain(`Node ${results.machine.nodeVersion}`);
    expect(text).toMatch(/\d+(–\d+)? s windows/);
  });

  it('summary.md embeds every blog PNG with alt text', () => {
    const results = loadChartFixture();
    const md = renderMarkdown(results);
    for (const chart of blogSpecs(results)) expect(md).toMatch(new RegExp(`!\\[[^\\]]{20,}\\]\\(blog/${chart.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.png\\)`));
  });
});
