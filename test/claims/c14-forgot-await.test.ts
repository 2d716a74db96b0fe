import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { emptyResults, ResultsBuilder, scenarioOf, verdictOf, type RunSpec } from './helpers.js';

const forgot = scenarioOf(claims.C14, 'sleep/forgot-await/c10');
const correct = scenarioOf(claims.C14, 'sleep/async/c10');

/** Three runs answering 2,800 requests each, `wrong` of them with a wrong body. */
function results(wrong: number, requests = 2800): ResultsBuilder {
  const run = (): RunSpec =>
    wrong > 0
      ? { rps: requests / 3, p50Ms: 0.5, requests, wrongBodies: wrong, state: 'invalid', reasons: [`load: ${wrong} wrong bodies out of ${requests} requests (> 0.1%)`] }
      : { rps: requests / 3, p50Ms: 0.5, requests };
  return new ResultsBuilder().add(forgot, [run(), run(), run()]).add(correct, [{ rps: 190 }, { rps: 192 }, { rps: 194 }]);
}

describe('C14: forgetting await', () => {
  it('is supported when validation catches (nearly) every answer as wrong, though it looks faster', () => {
    const v = verdictOf('C14', results(2800).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain("validation caught 8,400 of 8,400 forgot-await answers as wrong (100%) vs 0 of 1,728 (0%) of the correct async server, e.g. workload 'undefined' instead of 'sleep'");
    expect(v.evidence).toContain('it "answers" 4.86× faster than the correct async server (933 vs 192 req/s, p50 0.5 ms): the speed-up is the bug');
  });

  it('is refuted when forgetting await gave right answers', () => {
    expect(verdictOf('C14', results(0).build()).verdict).toBe('refuted');
  });

  it('is inconclusive with a mixed share, or too few answers', () => {
    expect(verdictOf('C14', results(1400).build()).verdict).toBe('inconclusive');
    const few = verdictOf('C14', results(30, 30).build());
    expect(few.verdict).toBe('inconclusive');
    expect(few.evidence).toContain('90 answers measured (at least 100 needed)');
  });

  it('is inconclusive when the control (the correct async server) fails validation too, or is missing', () => {
    const broken = new ResultsBuilder()
      .add(forgot, [1, 2, 3].map(() => ({ rps: 933, requests: 2800, wrongBodies: 2800, state: 'invalid' as const })))
      .add(correct, [1, 2, 3].map(() => ({ rps: 190, requests: 570, wrongBodies: 10, state: 'invalid' as const })));
    const v = verdictOf('C14', broken.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('control: validation also failed 30 of 1,710 answers of the correct async server');
    const alone = new ResultsBuilder().add(forgot, [1, 2, 3].map(() => ({ rps: 933, requests: 2800, wrongBodies: 2800, state: 'invalid' as const })));
    expect(verdictOf('C14', alone.build()).verdict).toBe('inconclusive');
  });

  it('leaves out errored runs', () => {
    const b = new ResultsBuilder().add(forgot, [{ state: 'errored', reasons: ['server exited'], requests: 0 }]);
    expect(verdictOf('C14', b.build()).verdict).toBe('inconclusive');
  });

  it('is not measured when the forgot-await scenario did not run', () => {
    expect(verdictOf('C14', emptyResults()).verdict).toBe('not-measured');
  });
});
