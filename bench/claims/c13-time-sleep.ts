/**
 * C13 — "Using time.sleep() instead of asyncio.sleep()"
 *
 * Analog: a synchronous sleep (`Atomics.wait`) in the async request handler vs
 * `await setTimeout` (timers/promises), 50 ms, same connections, with a cheap `/noop`
 * load beside it (the head-of-line pair).
 *
 * Predicate (both must support; compareSamples, band 5%, Holm): requests/s of the
 * sleeping route and p99 of the cheap route, await vs sync sleep. Await better → supports;
 * no clear difference or worse → refutes.
 */
import { ClaimJudging } from './judging.js';
import { connectionsOf, headOfLine } from './scenarios.js';
import type { Claim } from './types.js';

const awaited = headOfLine('sleep', 'async');
const synchronous = headOfLine('sleep', 'blocking');

export const c13: Claim = {
  id: 'C13',
  quote: 'Using time.sleep() instead of asyncio.sleep()',
  analog: 'Atomics.wait (a synchronous sleep) vs await setTimeout in the request handler, same connections, with a cheap route alongside',
  scenarios: [synchronous, awaited],
  judge(results, ctx) {
    const j = new ClaimJudging('C13', results, ctx);
    const sides = { a: { scenario: awaited, name: 'await sleep' }, b: { scenario: synchronous, name: 'sync sleep' } };
    j.check({ label: `sleep 50 ms, ${connectionsOf(awaited)} conn`, figure: 'rps', ...sides });
    j.check({ label: 'cheap route meanwhile', figure: 'probeP99Ms', ...sides });
    return j.finish({ lead: { supported: 'a sync sleep serializes the server and stalls every other route' } });
  },
};
