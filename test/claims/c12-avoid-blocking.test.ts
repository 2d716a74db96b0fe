import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const s = (id: string) => scenarioOf(claims.C12, id);
const pairs = [
  ['sleep/async/c4+probe', 'sleep/blocking/c4+probe'],
  ['cpu/worker-threads/c4+probe', 'cpu/blocking/c4+probe'],
  ['db:slow/async/c4+probe', 'db:slow/blocking/c4+probe'],
] as const;

function results(free: number[], blocked: number[], cpuFree = free): ResultsBuilder {
  const b = new ResultsBuilder();
  for (const [f, blocking] of pairs) {
    b.series(s(f), 'probeP99Ms', f.startsWith('cpu') ? cpuFree : free);
    b.series(s(blocking), 'probeP99Ms', blocked);
  }
  return b;
}

describe('C12: avoid blocking inside async functions', () => {
  it('is supported when the cheap route stays fast unless the heavy work blocks the loop', () => {
    const v = verdictOf('C12', results(around(2), around(400)).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/sleep 50 ms at 4 conn: await sleep cheap-route p99 2 ms vs blocking cheap-route p99 400 ms, 200× lower/);
    expect(v.evidence).toContain('cpu 20 ms at 4 conn: worker threads cheap-route p99 2 ms');
  });

  it('is refuted when offloading does not help the cheap route', () => {
    expect(verdictOf('C12', results(around(2), around(400), around(400, 0.01)).build()).verdict).toBe('refuted');
  });

  it('counts a difference only if it survives Holm over the claim\'s comparisons', () => {
    // Each pair alone: p = 0.024 (significant, beyond the band); over 3 comparisons Holm gives 0.071.
    // (Plain Welch here: the run's pooled noise would decide it.)
    const v = verdictOf('C12', results([100, 101, 102], [114, 120, 126]).build(), { poolNoise: false });
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('not significant after Holm over 3 comparisons (adjusted p=0.071)');
  });

  it('is not measured without the head-of-line scenarios', () => {
    expect(verdictOf('C12', emptyResults()).verdict).toBe('not-measured');
  });
});
