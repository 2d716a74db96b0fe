import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf, type RunSpec } from './helpers.js';

const s = (id: string) => scenarioOf(claims.C7, id);

function results(upstreamThreads: RunSpec): ResultsBuilder {
  const b = new ResultsBuilder();
  b.add(s('sleep/async/c50'), around(950).map((rps) => ({ rps, rssMb: 85 })));
  b.add(s('sleep/worker-threads/c50'), around(39).map((rps) => ({ rps, rssMb: 95 })));
  b.add(s('upstream/async/c10'), around(150).map((rps) => ({ rps, rssMb: 120 })));
  b.add(s('upstream/worker-threads/c10'), around(upstreamThreads.rps!).map((rps) => ({ ...upstreamThreads, rps })));
  return b;
}

describe('C7: async vs threads on I/O', () => {
  it('is supported when async wins throughput and throughput per MB on every I/O workload', () => {
    const v = verdictOf('C7', results({ rps: 8, rssMb: 130 }).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/sleep 50 ms, 50 conn: async 11.2 req\/s per MB vs worker-threads 0.411 req\/s per MB/);
  });

  it('is refuted when a thread pool does better on one', () => {
    const v = verdictOf('C7', results({ rps: 300, rssMb: 100 }).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('worker-threads better');
  });

  it('is inconclusive when a pair is too noisy', () => {
    const b = results({ rps: 8, rssMb: 130 }).build();
    b.runs = b.runs.filter((r) => r.scenarioId !== 'upstream/worker-threads/c10');
    b.runs.push(...new ResultsBuilder().add(s('upstream/worker-threads/c10'), [{ rps: 20, rssMb: 130 }, { rps: 150, rssMb: 130 }, { rps: 900, rssMb: 130 }]).build().runs);
    expect(verdictOf('C7', b).verdict).toBe('inconclusive');
  });

  it('is not measured without its scenarios', () => {
    expect(verdictOf('C7', emptyResults()).verdict).toBe('not-measured');
  });
});
