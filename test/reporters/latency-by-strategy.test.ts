import { describe, expect, it } from 'vitest';
import { latencyByStrategy } from '../../bench/charts/latency-by-strategy.js';
import { formatRatio } from '../../bench/format/index.js';
import { loadFixture } from './fixture.js';

const geometricMean = (xs: number[]) => Math.exp(xs.reduce((t, x) => t + Math.log(x), 0) / xs.length);

describe('latency by strategy chart', () => {
  it("draws each strategy's p99 as the claims compare it (geometric mean of the runs), and its title's ratio from the same figures", () => {
    const results = loadFixture();
    // Keep one panel, the cpu one, so the title speaks of it.
    results.summaries = results.summaries.filter((s) => s.workload === 'cpu');
    const spec = latencyByStrategy(results) as unknown as { title: { text: string } };
    const p99Of = (id: string) => geometricMean(results.runs.filter((r) => r.scenarioId === id && r.state === 'ok').map((r) => r.client!.latencyMs.p99));
    const slow = p99Of('cpu/async/c100');
    const fast = p99Of('cpu/worker-threads/c100');
    expect(spec.title.text).toContain(`async's p99 is ${formatRatio(slow / fast)} worker-threads's`);
    // The summaries' medians rank blocking slowest: the chart must not mix the two estimators.
    const medianOf = (id: string) => results.summaries.find((s) => s.scenarioId === id)!.latencyP99Ms!.median;
    expect(medianOf('cpu/blocking/c100')).toBeGreaterThan(medianOf('cpu/async/c100'));
    expect(p99Of('cpu/blocking/c100')).toBeLessThan(slow);
  });
});
