/**
 * C12 — "Avoid blocking operations inside async functions ... Mixing blocking code inside async functions"
 *
 * Analog: head-of-line blocking. One server takes heavy requests on a few connections while
 * a few more call the cheap `/noop` route (bench/suites/parts/head-of-line.ts); the heavy work is done blocking on the
 * event loop, or without blocking it: awaited (sleep, the db slow query) or offloaded to
 * worker threads (cpu).
 *
 * Predicate: the cheap route's p99, non-blocking vs blocking, for each heavy workload
 * (compareSamples, lower is better, band 5%, Holm). Every pair better without blocking →
 * supported; any pair with no clear difference or worse → refuted; otherwise inconclusive.
 */
import { ClaimJudging } from './judging.js';
import { connectionsOf, headOfLine } from './scenarios.js';
import type { Claim } from './types.js';

const pairs = [
  { label: 'sleep 50 ms', free: headOfLine('sleep', 'async'), freeName: 'await sleep', blocked: headOfLine('sleep', 'blocking') },
  { label: 'cpu 20 ms', free: headOfLine('cpu', 'worker-threads'), freeName: 'worker threads', blocked: headOfLine('cpu', 'blocking') },
  { label: 'db slow query', free: headOfLine('db', 'async'), freeName: 'async driver', blocked: headOfLine('db', 'blocking') },
];

export const c12: Claim = {
  id: 'C12',
  quote: 'Avoid blocking operations inside async functions ... Mixing blocking code inside async functions',
  analog: 'head-of-line blocking: the p99 of a cheap route while other connections do heavy work blocking the event loop vs awaiting it or offloading it',
  scenarios: pairs.flatMap((p) => [p.blocked, p.free]),
  judge(results, ctx) {
    const j = new ClaimJudging('C12', results, ctx);
    for (const p of pairs) {
      j.check({
        label: `${p.label} at ${connectionsOf(p.blocked)} conn`,
        figure: 'probeP99Ms',
        a: { scenario: p.free, name: p.freeName },
        b: { scenario: p.blocked, name: 'blocking' },
      });
    }
    return j.finish({ lead: { supported: 'blocking work holds every other request behind it; non-blocking work does not' } });
  },
};
