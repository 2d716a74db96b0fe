/**
 * C14 — "Forgetting the await keyword"
 *
 * Analog: the `forgot-await` strategy calls the non-blocking sleep without `await` and
 * answers from the pending promise (10 connections). It answers at once, so it looks far
 * faster than the correct async server; the harness's response validation must catch the
 * wrong answers. Its runs are `invalid` by design (scenario tag `expect-wrong-answers`).
 *
 * Predicate: share of wrong answers among the 2xx answers of each run that measured
 * (errored runs left out; at least 100 answers in all): every run ≥ 99% wrong → supported
 * (the mistake breaks every answer and validation catches it); every run ≤ 1% wrong →
 * refuted (forgetting await did no harm); otherwise inconclusive. A count, not an
 * estimate: no test is needed. The speed against the correct server is printed as context.
 */
import { SCENARIO_TAGS } from '../suites/scenario.js';
import { fmtMs, fmtNumber } from './figures.js';
import { ClaimJudging } from './judging.js';
import { scenario } from './scenarios.js';
import type { Claim } from './types.js';

const MIN_ANSWERS = 100;
const forgot = scenario({ workload: 'sleep', strategy: 'forgot-await', connections: 10, tags: [SCENARIO_TAGS.expectWrongAnswers] });
const correct = scenario({ workload: 'sleep', strategy: 'async', connections: 10 });

export const c14: Claim = {
  id: 'C14',
  quote: 'Forgetting the await keyword',
  analog: 'a handler that calls the async sleep without await and answers from the pending promise: response validation counts the wrong answers',
  scenarios: [forgot, correct],
  judge(results, ctx) {
    const j = new ClaimJudging('C14', results, ctx);
    if (!j.present(forgot)) {
      j.part('absent', 'forgot-await: not measured');
      return j.finish();
    }
    const measured = j.runsOf(forgot).filter((r) => r.state !== 'errored' && r.client && r.client.requests > 0);
    const answers = measured.reduce((n, r) => n + r.client!.requests, 0);
    const wrong = measured.reduce((n, r) => n + r.client!.wrongBodies, 0);
    const shares = measured.map((r) => r.client!.wrongBodies / r.client!.requests);
    if (answers < MIN_ANSWERS) {
      j.part('undecided', `forgot-await: ${answers} answers measured (at least ${MIN_ANSWERS} needed)`);
    } else {
      const outcome = Math.min(...shares) >= 0.99 ? 'supports' : Math.max(...shares) <= 0.01 ? 'refutes' : 'undecided';
      const example = measured.find((r) => r.client!.firstWrongBody)?.client!.firstWrongBody;
      j.part(outcome, `validation caught ${fmtNumber(wrong)} of ${fmtNumber(answers)} answers as wrong (${fmtNumber((100 * wrong) / answers)}%)${example ? `, e.g. ${example}` : ''}`);
    }
    const [rpsForgot, rpsCorrect] = [medianRpsOfAny(j, forgot), j.medianOf(correct, 'rps')];
    const p50 = measured.map((r) => r.client!.latencyMs.p50).sort((x, y) => x - y)[Math.floor(measured.length / 2)];
    if (rpsForgot !== undefined && rpsCorrect !== undefined && p50 !== undefined) {
      j.note(`it "answers" ${fmtNumber(rpsForgot / rpsCorrect)}x faster than the correct async server (${fmtNumber(rpsForgot)} vs ${fmtNumber(rpsCorrect)} req/s, p50 ${fmtMs(p50)}): the speed-up is the bug`);
    }
    return j.finish({ lead: { supported: 'a missing await answers before the work is done, with a wrong body' } });
  },
};

/** Requests/s over every run that measured (the forgot-await runs are all `invalid`). */
function medianRpsOfAny(j: ClaimJudging, s: typeof forgot): number | undefined {
  const values = j.runsOf(s).flatMap((r) => (r.client && r.state !== 'errored' ? [r.client.rps] : [])).sort((x, y) => x - y);
  return values.length > 0 ? values[Math.floor(values.length / 2)] : undefined;
}
