import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const s = (id: string) => scenarioOf(claims.C8, id);

function results(fastAsyncRps: number): ResultsBuilder {
  return new ResultsBuilder()
    .series(s('db:slow/async/c4+probe'), 'probeP99Ms', around(15))
    .series(s('db:slow/blocking/c4+probe'), 'probeP99Ms', around(240))
    .series(s('db:fast/async/c10'), 'rps', around(fastAsyncRps))
    .series(s('db:fast/blocking/c10'), 'rps', around(7000))
    .series(s('db:slow/async/c10'), 'rps', around(70))
    .series(s('db:slow/blocking/c10'), 'rps', around(50));
}

describe('C8: async database drivers', () => {
  it('is supported when the async driver keeps the loop free and serves more queries of both kinds', () => {
    const v = verdictOf('C8', results(9000).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/non-blocking, slow queries at 4 conn: async driver cheap-route p99 15 ms vs sync driver cheap-route p99 240 ms, 16× lower/);
  });

  it('is refuted when the sync driver answers fast queries faster', () => {
    const v = verdictOf('C8', results(5500).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toMatch(/faster, fast query at 10 conn: async driver 5,500 req\/s vs sync driver 7,000 req\/s, 0.786× .*: sync driver better/);
  });

  it('is inconclusive when only part of the experiment ran', () => {
    const partial = new ResultsBuilder().series(s('db:slow/async/c4+probe'), 'probeP99Ms', around(15)).series(s('db:slow/blocking/c4+probe'), 'probeP99Ms', around(240));
    const v = verdictOf('C8', partial.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('not measured in this run: faster, fast query at 10 conn | faster, slow query at 10 conn');
  });

  it('is not measured without the db scenarios', () => {
    expect(verdictOf('C8', emptyResults()).verdict).toBe('not-measured');
  });
});
