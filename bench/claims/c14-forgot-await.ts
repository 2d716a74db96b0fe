/**
 * C14 — "Forgetting the await keyword"
 *
 * Analog: the `forgot-await` strategy calls the non-blocking sleep without `await` and
 * answers from the pending promise (10 connections). It answers at once, so it looks far
 * faster than the correct async server; the harness's response validation must catch the
 * wrong answers. Its runs are `invalid` by design (scenario tag `expect-wrong-answers`).
 *
 * Control: the correct async server, same workload and connections, in the same run. The
 * validation that judges forgot-await must pass it: at most 0.1% wrong answers.
 *
 * Predicate, over every run that measured (errored runs left out; at least 100 answers a
 * side), the share of wrong answers among the 2xx answers:
 * - the control above 0.1% wrong → undecided (the validation, or the machine, is not
 *   trustworthy: it fails a correct server too); the control missing → undecided;
 * - otherwise: forgot-await ≥ 99% wrong in every run → supports (the mistake breaks every
 *   answer, while the correct server is right); ≤ 1% wrong in every run → refutes
 *   (forgetting await did no harm); between → undecided.
 * Counts, not estimates: no test is needed. The speed against the correct server is
 * printed as context.
 */
import type { RunRecord } from '../types.js';
import { SCENARIO_TAGS } from '../suites/scenario.js';
import { formatMs, formatNumber, formatPct, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { scenario } from './scenarios.js';
import type { Claim, Outcome } from './types.js';

const MIN_ANSWERS = 100;
const CONTROL_MAX_WRONG_SHARE = 0.001;
const forgot = scenario({ workload: 'sleep', strategy: 'forgot-await', connections: 10, tags: [SCENARIO_TAGS.expectWrongAnswers] });
const correct = scenario({ workload: 'sleep', strategy: 'async', connections: 10 });

interface Counted {
  runs: RunRecord[];
  answers: number;
  wrong: number;
}

function count(runs: RunRecord[]): Counted {
  const measured = runs.filter((r) => r.state !== 'errored' && r.client && r.client.requests > 0);
  return {
    runs: measured,
    answers: measured.reduce((n, r) => n + r.client!.requests, 0),
    wrong: measured.reduce((n, r) => n + r.client!.wrongBodies, 0),
  };
}

const pct = (c: Counted) => formatPct(c.wrong / c.answers);

export const c14: Claim = {
  id: 'C14',
  quote: 'Forgetting the await keyword',
  analog: 'a handler that calls the async sleep without await and answers from the pending promise, beside the correct async server (the control): response validation counts the wrong answers',
  scenarios: [forgot, correct],
  judge(results, ctx) {
    const j = new ClaimJudging('C14', results, ctx);
    if (!j.present(forgot)) {
      j.part('absent', j.absentReason(forgot));
      return j.finish();
    }
    const bug = count(j.runsOf(forgot));
    const control = j.present(correct) ? count(j.runsOf(correct)) : undefined;
    const controlOk = control !== undefined && control.answers >= MIN_ANSWERS && control.wrong / control.answers <= CONTROL_MAX_WRONG_SHARE;
    if (!control) j.part('undecided', `control (the correct async server): ${j.absentReason(correct)}`);
    else if (control.answers < MIN_ANSWERS) j.part('undecided', `control (the correct async server): ${control.answers} answers measured (at least ${MIN_ANSWERS} needed)`);
    else if (!controlOk) j.part('undecided', `control: validation also failed ${formatNumber(control.wrong)} of ${formatNumber(control.answers)} answers of the correct async server (${pct(control)}, more than ${CONTROL_MAX_WRONG_SHARE * 100}%): the check itself cannot be trusted in this run`);
    if (bug.answers < MIN_ANSWERS) {
      j.part('undecided', `forgot-await: ${bug.answers} answers measured (at least ${MIN_ANSWERS} needed)`);
    } else {
      const shares = bug.runs.map((r) => r.client!.wrongBodies / r.client!.requests);
      const outcome: Outcome = !controlOk ? 'undecided' : Math.min(...shares) >= 0.99 ? 'supports' : Math.max(...shares) <= 0.01 ? 'refutes' : 'undecided';
      const example = bug.runs.find((r) => r.client!.firstWrongBody)?.client!.firstWrongBody;
      const controlText = control && control.answers > 0 ? ` vs ${formatNumber(control.wrong)} of ${formatNumber(control.answers)} (${pct(control)}) of the correct async server` : '';
      j.part(outcome, `validation caught ${formatNumber(bug.wrong)} of ${formatNumber(bug.answers)} forgot-await answers as wrong (${pct(bug)})${controlText}${example ? `, e.g. ${example}` : ''}`);
    }
    const [rpsForgot, rpsCorrect] = [medianRpsOfAny(j, forgot), j.medianOf(correct, 'rps')];
    const p50 = bug.runs.map((r) => r.client!.latencyMs.p50).sort((x, y) => x - y)[Math.floor(bug.runs.length / 2)];
    if (rpsForgot !== undefined && rpsCorrect !== undefined && p50 !== undefined) {
      j.note(`it "answers" ${formatRatio(rpsForgot / rpsCorrect)} faster than the correct async server (${formatNumber(rpsForgot)} vs ${formatNumber(rpsCorrect)} req/s, p50 ${formatMs(p50)}): the speed-up is the bug`);
    }
    return j.finish({ lead: { supported: 'a missing await answers before the work is done, with a wrong body, while the correct server passes the same validation' } });
  },
};

/** Requests/s over every run that measured (the forgot-await runs are all `invalid`). */
function medianRpsOfAny(j: ClaimJudging, s: typeof forgot): number | undefined {
  const values = j.runsOf(s).flatMap((r) => (r.client && r.state !== 'errored' ? [r.client.rps] : [])).sort((x, y) => x - y);
  return values.length > 0 ? values[Math.floor(values.length / 2)] : undefined;
}
