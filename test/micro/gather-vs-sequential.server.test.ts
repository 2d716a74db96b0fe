import { expect, it } from 'vitest';
import { runMicroBenchmarks } from '../../bench/tools/micro/run.js';

// Claim C2 physically: three 20 ms waits overlap under Promise.all (~20 ms) and add up
// in sequence (~60 ms). Timer lateness only pushes both up by about the same ms, so the
// ratio stays near 3 whatever the load; 2..4 leaves room for a scheduler hiccup.
it('Promise.all of N=3 timers is ~N times faster than awaiting them in sequence', async () => {
  const results = await runMicroBenchmarks({ only: ['gather-vs-sequential'] });
  expect(results.errors).toEqual([]);
  expect(results.benchmarksRun).toEqual(['gather-vs-sequential']);
  const r = results.results['gather-vs-sequential'];
  expect(r).toBeDefined();
  expect(r!.timerCount).toBe(3);
  expect(r!.sequentialOverGatherRatio).toBeGreaterThan(2);
  expect(r!.sequentialOverGatherRatio).toBeLessThan(4);
  expect(r!.sequentialWallMs).toBeGreaterThan(r!.gatherWallMs);
});
