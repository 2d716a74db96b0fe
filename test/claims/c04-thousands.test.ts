import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const thousand = scenarioOf(claims.C4, 'sleep/async/c1000/sleepMs=200');
const tenThousand = scenarioOf(claims.C4, 'sleep/async/c10000/sleepMs=2000');
// Little's law: C/S = 1000 / 0.2 s = 5,000 req/s; 10,000 / 2 s = 5,000 req/s.
const IDEAL = 5000;

describe('C4: thousands of connections', () => {
  it('is supported at ~C/S with no failed request, even without the 10,000-connection run (quick suite)', () => {
    const v = verdictOf('C4', new ResultsBuilder().series(thousand, 'rps', around(0.98 * IDEAL), { p99Ms: 450 }).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/1,000 connections, S = 200 ms: 4,900 req\/s = 0.98 of C\/S = 5,000 \(95% CI of the geometric mean [\d.]+–[\d.]+\), p99 450 ms, 0 failed of [\d,]+ requests over 3 run\(s\)/);
    expect(v.evidence).toContain('not measured in this run: 10,000 connections, S = 2 s');
  });

  it('is refuted when most runs fail requests at 10,000 connections', () => {
    const b = new ResultsBuilder().series(thousand, 'rps', around(0.98 * IDEAL));
    b.add(tenThousand, [
      { rps: 900, state: 'invalid', reasons: ['load: 3000 errors out of 9000 requests (> 0.1%)'], errors: 3000 },
      { rps: 950, state: 'invalid', reasons: ['load: 2800 errors out of 9000 requests (> 0.1%)'], errors: 2800 },
      { rps: 4900 },
    ]);
    const v = verdictOf('C4', b.build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('10,000 connections, S = 2 s: 5,800 failed of 26,050 requests over 3 run(s), more than 0.1% (load: 3000 errors');
  });

  it('counts failed requests over every run, valid or not, never "0 failed" after dropping runs', () => {
    const b = new ResultsBuilder().add(thousand, [
      { rps: 4900 },
      { rps: 4900 },
      { rps: 4800, state: 'invalid', reasons: ['load: 40 timeouts out of 14400 requests (> 0.1%)'], errors: 40 },
    ]);
    const v = verdictOf('C4', b.build());
    expect(v.evidence).not.toContain(' 0 failed');
    expect(v.evidence).toMatch(/40 failed of [\d,]+ requests over 3 run\(s\)/);
  });

  it('is refuted when throughput is significantly below 0.9 of C/S', () => {
    const v = verdictOf('C4', new ResultsBuilder().series(thousand, 'rps', around(0.5 * IDEAL)).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('significantly below 0.9 of C/S');
  });

  it('is inconclusive when too noisy, or when the load generator saturated (runs left out)', () => {
    expect(verdictOf('C4', new ResultsBuilder().series(thousand, 'rps', [0.4 * IDEAL, 0.9 * IDEAL, 1.4 * IDEAL]).build()).verdict).toBe('inconclusive');
    const saturated = new ResultsBuilder().add(
      thousand,
      [1, 2, 3].map(() => ({ rps: 1200, state: 'invalid' as const, reasons: ['load generator saturated: 97% of a core (> 90%); the figure is the generator\'s limit, not the server\'s'] })),
    );
    const v = verdictOf('C4', saturated.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('0 valid run(s) of 3 (3 left out, e.g. invalid: load generator saturated');
  });

  it('is not measured when no run held thousands of connections', () => {
    expect(verdictOf('C4', emptyResults()).verdict).toBe('not-measured');
  });
});
