/** Which system parts `npm run bench` provisions for a plan: none for the first run. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns } from '../../bench/plan.js';
import { partsNeededBy } from '../../bench/setup/for-run.js';
import { DEFAULT_SUITE, suites } from '../../bench/suites/index.js';

let saved: string | undefined;
beforeEach(() => {
  saved = process.env['DATABASE_URL'];
  delete process.env['DATABASE_URL'];
});
afterEach(() => {
  if (saved === undefined) delete process.env['DATABASE_URL'];
  else process.env['DATABASE_URL'] = saved;
});

const names = (argv: string[]) => partsNeededBy(planRuns(suites[parseBenchOptions(argv).suite], parseBenchOptions(argv)).scenarios).map((p) => p.name);

describe('parts a bench run needs', () => {
  it('the first run (npm run bench) and the full suite need no system part: SQLite, own upstream, fonts from npm', () => {
    expect(DEFAULT_SUITE).toBe('quick');
    expect(names([])).toEqual([]);
    expect(names(['--suite', 'full'])).toEqual([]);
  });

  it('--db postgres needs the postgres part; so does DATABASE_URL', () => {
    expect(names(['--db', 'postgres', '--filter', 'db'])).toEqual(['postgres']);
    expect(names(['--filter', 'sleep', '--db', 'postgres'])).toEqual([]); // no db scenario
    process.env['DATABASE_URL'] = 'postgres://u:p@127.0.0.1:5432/x';
    expect(names(['--filter', 'db'])).toEqual(['postgres']);
  });
});
