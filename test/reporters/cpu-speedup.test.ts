/**
 * The cpu-speedup chart divides each runtime's bars by that runtime's own blocking
 * baseline, and its bars and title are the claims' own figures (spec only, no rendering).
 */
import { describe, expect, it } from 'vitest';
import { cpuSpeedup } from '../../bench/charts/cpu-speedup.js';
import { judgeAll } from '../../bench/claims/index.js';
import { IDLE_TWO_CORES, simulateRun } from '../../bench/claims/stability-simulation.js';
import { formatRatio } from '../../bench/format/index.js';
import { mulberry32 } from '../../bench/stats/index.js';
import { summarizeAll } from '../../bench/summarize.js';
import type { ResultsFile } from '../../bench/types.js';

function nodeAndPython(): ResultsFile {
  const results = simulateRun(IDLE_TWO_CORES, { runCv: 0.1, coresCv: 0.02, controlCv: 0.03 }, mulberry32(3));
  results.summaries = summarizeAll(results.scenarios, results.runs);
  return results;
}

interface BarRow {
  key: string;
  speedup: number;
  low: number;
  high: number;
}

const barsOf = (spec: unknown): BarRow[] => (spec as { vconcat: [{ layer: [{ data: { values: BarRow[] } }] }] }).vconcat[0].layer[0].data.values;

describe('cpu-speedup chart', () => {
  it("divides Python bars by py-blocking and Node.js bars by blocking, with the claims' ratios and CIs", () => {
    const results = nodeAndPython();
    const spec = cpuSpeedup(results)!;
    const bars = barsOf(spec);
    const comparisons = judgeAll(results).comparisons.filter((c) => c.figure === 'rps');
    const checked = new Set<string>();
    for (const [runtime, blocking, strategies] of [
      ['node', 'cpu/blocking/c50', ['async', 'worker-threads', 'child-process', 'cluster']],
      ['python', 'cpu/py-blocking/c50', ['py-asyncio', 'py-threads', 'py-processes', 'py-prefork']],
    ] as const) {
      for (const strategy of strategies) {
        const bar = bars.find((b) => b.key === `${runtime}:${strategy}`);
        const claim = comparisons.find((c) => c.a === `cpu/${strategy}/c50` && c.b === blocking);
        expect(bar, strategy).toBeDefined();
        expect(claim, strategy).toBeDefined();
        expect(bar!.speedup).toBeCloseTo(claim!.ratio, 12);
        expect([bar!.low, bar!.high]).toEqual([claim!.ratioCiLow, claim!.ratioCiHigh]);
        checked.add(strategy);
      }
    }
    expect(checked.size).toBe(8);
    // Python's own scale: py-processes ~1.8x py-blocking (30 req/s), not ~1x Node's blocking (50).
    expect(bars.find((b) => b.key === 'python:py-processes')!.speedup).toBeGreaterThan(1.4);
  });

  it('names the top parallel strategy of each runtime with the figure the claims print, and the delivered cores', () => {
    const results = nodeAndPython();
    const title = (cpuSpeedup(results) as { title: { text: string } }).title.text;
    const bars = barsOf(cpuSpeedup(results));
    const top = (runtime: string, strategies: string[]) => bars.filter((b) => strategies.some((s) => b.key === `${runtime}:${s}`)).sort((a, b) => b.speedup - a.speedup)[0]!;
    const node = top('node', ['worker-threads', 'child-process', 'cluster']);
    const python = top('python', ['py-threads', 'py-processes', 'py-prefork']);
    expect(title).toContain(`${node.key.split(':')[1]} ${formatRatio(node.speedup)} blocking`);
    expect(title).toContain(`${python.key.split(':')[1]} ${formatRatio(python.speedup)} py-blocking`);
    expect(title).toMatch(/; \d(\.\d+)? of 2 cores delivered$/);
  });
});
