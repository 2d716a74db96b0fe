/**
 * C4 — "Handles thousands of concurrent requests"
 *
 * Analog: an async server whose every request awaits a timer (FastAPI's
 * `await asyncio.sleep(...)`), held at 1,000 open connections (S = 200 ms, the sweep's
 * top) and, in the default suite, 10,000 (S = 2 s; the harness needs ~2 file descriptors
 * per connection). S keeps C/S at 5,000 req/s, within what 2 cores serve and drive, so
 * the test is about concurrency, not CPU. The 10,000 point is optional (quick leaves it out).
 *
 * Predicate, per scenario (every one measured must support):
 * - failed requests (errors, timeouts, non-2xx, wrong answers) are counted over **every**
 *   run that measured, valid or not (a run whose load generator was saturated or that
 *   errored is left out, and the count says how many runs it covers): more than 0.1% of
 *   the requests failed → refutes (it did not handle them);
 * - otherwise efficiency = requests/s ÷ C/S (Little's law) over the valid runs, compared
 *   with 0.9 (compareSamples, band 5%, Holm): the whole 95% interval at or above 0.9
 *   less the band (0.9 / 1.05) → supports; significantly below beyond the band → refutes;
 *   otherwise (too noisy) → undecided.
 */
import type { RunRecord } from '../types.js';
import { formatMs, formatNumber, formatRange } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { asyncSweep, connectionsLabel, connectionsOf, tenThousand as tenThousandScenario } from './scenarios.js';
import type { Claim, Outcome } from './types.js';

const MIN_EFFICIENCY = 0.9;
/** Share of failed requests above which the server did not handle the connections. */
const MAX_FAILED_SHARE = 0.001;

const thousand = asyncSweep(1000);
const tenThousand = tenThousandScenario();

const saturated = (r: RunRecord) => r.reasons.some((reason) => reason.startsWith('load generator saturated'));
const failedOf = (r: RunRecord) => (r.client ? r.client.errors + r.client.timeouts + r.client.non2xx + r.client.wrongBodies : 0);

export const c04: Claim = {
  id: 'C4',
  quote: 'Handles thousands of concurrent requests',
  analog: 'an async server awaiting a timer in every request, at 1,000 and 10,000 open connections: requests/s vs C/S (Little\'s law), failed requests',
  scenarios: [thousand, tenThousand],
  judge(results, ctx) {
    const j = new ClaimJudging('C4', results, ctx);
    for (const s of [thousand, tenThousand]) {
      const c = connectionsOf(s);
      const sleepMs = Number(s.params['sleepMs']);
      const label = `${connectionsLabel(c)}, S = ${formatMs(sleepMs)}`;
      const optional = s === tenThousand;
      if (!j.present(s)) {
        // 10,000 connections run in the default suite only (tens of seconds per run).
        j.part('absent', `${label}: not measured`, { optional });
        continue;
      }
      const all = j.runsOf(s);
      const counted = all.filter((r) => r.state !== 'errored' && r.client && !saturated(r));
      const failed = counted.reduce((n, r) => n + failedOf(r), 0);
      const sent = counted.reduce((n, r) => n + (r.client?.requests ?? 0) + failedOf(r), 0);
      const leftOut = all.length - counted.length;
      const failedText =
        `${formatNumber(failed)} failed of ${formatNumber(sent)} requests over ${counted.length} run(s)` +
        (leftOut > 0 ? ` (${leftOut} run(s) errored or with a saturated load generator not counted)` : '');
      if (sent > 0 && failed / sent > MAX_FAILED_SHARE) {
        const example = counted.find((r) => failedOf(r) > 0)?.reasons[0];
        j.part('refutes', `${label}: ${failedText}, more than ${MAX_FAILED_SHARE * 100}%${example ? ` (${example})` : ''}`, { optional });
        continue;
      }
      const idealRps = (c * 1000) / sleepMs;
      const p99 = j.medianOf(s, 'latencyP99Ms');
      j.check({
        label,
        optional,
        figure: 'efficiency',
        a: { scenario: s },
        b: { constant: MIN_EFFICIENCY, name: `${MIN_EFFICIENCY} of C/S` },
        expect: (cmp): Outcome =>
          cmp.verdictAfterHolm === 'b-better' ? 'refutes' : cmp.ratioCiLow >= 1 / (1 + ctx.practicalBand) ? 'supports' : 'undecided',
        text: (cmp) =>
          `${label}: ${formatNumber(cmp.ratio * MIN_EFFICIENCY * idealRps)} req/s = ${formatNumber(cmp.ratio * MIN_EFFICIENCY)} of C/S = ${formatNumber(idealRps)} ` +
          `(95% CI of the geometric mean ${formatRange(cmp.ratioCiLow * MIN_EFFICIENCY, cmp.ratioCiHigh * MIN_EFFICIENCY)})` +
          (p99 !== undefined ? `, p99 ${formatMs(p99)}` : '') +
          `, ${failedText}`,
      });
    }
    return j.finish({ lead: { supported: 'every connection is served as if alone: throughput ~C/S with no failed request' } });
  },
};
