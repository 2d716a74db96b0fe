/**
 * C8 — "Async database drivers allow non-blocking database queries. ... Faster database queries"
 *
 * Analog: a real database (SQLite by default, PostgreSQL with --db postgres): the async
 * driver awaited on the event loop (sqlite3 on libuv's pool / pg.Pool) vs a synchronous
 * driver called on it (better-sqlite3 / a sync client), 10 connections, a fast point
 * lookup and a slow aggregate; and the head-of-line pair (slow queries on 4 connections,
 * the cheap route on 4 more).
 *
 * Predicate (every check must support; compareSamples, band 5%, Holm over all):
 * - non-blocking: the cheap route's p99 while slow queries run, async vs sync driver;
 * - faster: requests/s, async vs sync driver, for the fast and for the slow query.
 * Async better → supports; sync better or no clear difference → refutes.
 */
import { ClaimJudging } from './judging.js';
import { connectionsOf, dbQuery, headOfLine } from './scenarios.js';
import type { Claim } from './types.js';

const holAsync = headOfLine('db', 'async');
const holBlocking = headOfLine('db', 'blocking');
const queries = (['fast', 'slow'] as const).map((variant) => ({ variant, async: dbQuery(variant, 'async'), blocking: dbQuery(variant, 'blocking') }));

export const c08: Claim = {
  id: 'C8',
  quote: 'Async database drivers allow non-blocking database queries. ... Faster database queries',
  analog: 'an async database driver awaited on the event loop vs a synchronous driver called on it (SQLite: sqlite3 vs better-sqlite3), fast and slow queries, and the cheap route meanwhile',
  scenarios: [holBlocking, holAsync, ...queries.flatMap((q) => [q.blocking, q.async])],
  judge(results, ctx) {
    const j = new ClaimJudging('C8', results, ctx);
    j.check({
      label: `non-blocking, slow queries at ${connectionsOf(holAsync)} conn`,
      figure: 'probeP99Ms',
      a: { scenario: holAsync, name: 'async driver' },
      b: { scenario: holBlocking, name: 'sync driver' },
    });
    for (const q of queries) {
      j.check({
        label: `faster, ${q.variant} query at 10 conn`,
        figure: 'rps',
        a: { scenario: q.async, name: 'async driver' },
        b: { scenario: q.blocking, name: 'sync driver' },
      });
    }
    return j.finish({ lead: { supported: 'the async driver keeps the loop free and serves more queries' } });
  },
};
