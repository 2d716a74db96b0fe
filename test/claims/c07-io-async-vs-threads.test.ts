import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf, type RunSpec } from './helpers.js';

const s = (id: string) => scenarioOf(claims.C7, id);

/** Async: the I/O rate with 85-90 MB and 0.5 s of CPU; threads as given (W = C). */
function results(threads: RunSpec): ResultsBuilder {
  const b = new ResultsBuilder();
  b.add(s('sleep/async/c16'), around(300).map((rps) => ({ rps, rssMb: 85, cpuS: 0.3 })));
  b.add(s('sleep/worker-threads/c16/w16'), around(threads.rps ?? 300).map((rps) => ({ rssMb: 200, cpuS: 0.9, ...threads, rps })));
  b.add(s('db:slow/async/c10'), around(70).map((rps) => ({ rps, rssMb: 90, cpuS: 0.5 })));
  b.add(s('db:slow/worker-threads/c10/w10'), around(70).map((rps) => ({ rps, rssMb: 180, cpuS: 0.8 })));
  return b;
}

describe('C7: async vs a thread per connection on I/O', () => {
  it('is supported when async matches the throughput with less memory and CPU per request', () => {
    const v = verdictOf('C7', results({}).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/sleep 50 ms, C=16, W=16, memory: async 81.1 MiB RSS vs threads 191 MiB RSS/);
    expect(v.evidence).toContain('W = C');
  });

  it('is refuted when the thread pool serves more, or costs no more memory', () => {
    expect(verdictOf('C7', results({ rps: 400 }).build()).verdict).toBe('refuted');
    const v = verdictOf('C7', results({ rssMb: 85 }).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('no clear difference');
  });

  it('is inconclusive when the throughput is too noisy to tell', () => {
    const b = results({});
    b.add(s('sleep/worker-threads/c16/w16'), [{ rps: 100, rssMb: 200, cpuS: 0.9 }, { rps: 900, rssMb: 200, cpuS: 0.9 }]);
    expect(verdictOf('C7', b.build()).verdict).toBe('inconclusive');
  });

  it('is not measured without its scenarios', () => {
    expect(verdictOf('C7', emptyResults()).verdict).toBe('not-measured');
  });
});
