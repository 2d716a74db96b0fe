/**
 * C9 — "Fetch multiple websites simultaneously ... Faster scraping performance"
 *
 * Analog: a request that fetches K = 5 upstream URLs (50 ms each) with `Promise.all` of
 * `fetch` vs the same fetches awaited one after another, at 10 connections; the
 * synchronous HTTP client on the loop is printed for context.
 *
 * Predicate: requests/s and p50 latency, Promise.all vs sequential awaits (compareSamples,
 * band 5%, Holm). Both better with Promise.all → supported; either worse or no clear
 * difference → refuted; otherwise inconclusive.
 */
import { ClaimJudging } from './judging.js';
import { upstream } from './scenarios.js';
import type { Claim } from './types.js';

const concurrent = upstream('async', 'concurrent');
const sequential = upstream('async', 'sequential');
const syncClient = upstream('blocking');

export const c09: Claim = {
  id: 'C9',
  quote: 'Fetch multiple websites simultaneously ... Faster scraping performance',
  analog: 'Promise.all of 5 fetch calls to a slow upstream vs the same calls awaited in a row (and a sync HTTP client on the loop)',
  scenarios: [concurrent, sequential, syncClient],
  judge(results, ctx) {
    const j = new ClaimJudging('C9', results, ctx);
    const sides = { a: { scenario: concurrent, name: ctx.runtime === 'python' ? 'asyncio.gather' : 'Promise.all' }, b: { scenario: sequential, name: 'sequential' } };
    j.check({ label: '5 x 50 ms upstream, 10 conn', figure: 'rps', ...sides });
    j.check({ label: '5 x 50 ms upstream, 10 conn', figure: 'latencyP50Ms', ...sides });
    j.check({ label: 'context', figure: 'rps', a: sides.a, b: { scenario: syncClient, name: 'sync HTTP client' }, decisive: false });
    return j.finish({ lead: { supported: 'fetching the pages at once is faster than one after another' } });
  },
};
