import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf, type RunSpec } from './helpers.js';

const s = (id: string) => scenarioOf(claims.C7, id);

function results(slowThreads: RunSpec): ResultsBuilder {
  const b = new ResultsBuilder();
  b.add(s('sleep/async/c50'), around(950).map((rps) => ({ rps, rssMb: 85 })));
  b.add(s('sleep/worker-threads/c50'), around(39).map((rps) => ({ rps, rssMb: 95 })));
  b.add(s('db:fast/async/c10'), around(7000).map((rps) => ({ rps, rssMb: 90 })));
  b.add(s('db:fast/worker-threads/c10'), around(5000).map((rps) => ({ rps, rssMb: 110 })));
  b.add(s('db:slow/async/c10'), around(70).map((rps) => ({ rps, rssMb: 90 })));
  b.add(s('db:slow/worker-threads/c10'), around(slowThreads.rps!).map((rps) => ({ ...slowThreads, rps })));
  return b;
}

describe('C7: async vs threads on I/O', () => {
  it('is supported when async wins throughput and throughput per MB on every I/O workload', () => {
    const v = verdictOf('C7', results({ rps: 50, rssMb: 110 }).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/sleep 50 ms, 50 conn: async 11.2 req\/s per MB vs worker-threads 0.411 req\/s per MB/);
  });

  it('is refuted when a thread pool does better on one', () => {
    const v = verdictOf('C7', results({ rps: 110, rssMb: 100 }).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('worker-threads better');
  });

  it('is inconclusive when a pair is too noisy', () => {
    const b = results({ rps: 50, rssMb: 110 }).build();
    b.runs = b.runs.filter((r) => r.scenarioId !== 'db:slow/worker-threads/c10');
    b.runs.push(...new ResultsBuilder().add(s('db:slow/worker-threads/c10'), [{ rps: 10, rssMb: 110 }, { rps: 70, rssMb: 110 }, { rps: 400, rssMb: 110 }]).build().runs);
    expect(verdictOf('C7', b).verdict).toBe('inconclusive');
  });

  it('is not measured without its scenarios', () => {
    expect(verdictOf('C7', emptyResults()).verdict).toBe('not-measured');
  });
});
