#!/usr/bin/env node
/**
 * `npm run bench:gate-self-test -- [--trials T] [--slowdown 10%] [--repetitions N] [--duration S]`:
 * detection and false-alarm rates of the CI gate (bench/gate/self-test.ts).
 */
import { parseArgs } from 'node:util';
import { runCommand } from '../bench/gate/command.js';
import { interruptSignal } from '../bench/gate/run-ci-suite.js';
import { rejudgeSelfTest, selfTest } from '../bench/gate/self-test.js';
import { parseBenchOptions, parseSlowdownPct } from '../bench/options.js';
import { UsageError } from '../bench/run/errors.js';

const USAGE = `Usage: npm run bench:gate-self-test -- [options]

  --trials T           A/A trials and slowdown trials, T of each (default: 5)
  --slowdown P         the injected slowdown (default: 10%)
  --repetitions N      repetitions of every run, baseline included (default: the ci suite's)
  --duration S, --warmup S, --filter TERMS   as for npm run bench
  --out DIR            reports folder (default: reports/self-test)
  --rejudge DIR        judge a finished self-test's kept runs again with the current
                       gate (no load is sent), e.g. --rejudge reports/self-test
`;

runCommand('gate-self-test', async () => {
  const { values: v } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      trials: { type: 'string' },
      slowdown: { type: 'string' },
      repetitions: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      filter: { type: 'string' },
      out: { type: 'string' },
      rejudge: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (v.rejudge !== undefined) return rejudgeSelfTest(v.rejudge, 0.05);
  const trials = Number(v.trials ?? 5);
  if (!Number.isInteger(trials) || trials < 1 || trials > 1000) throw new UsageError(`--trials must be an integer >= 1; got '${v.trials}'`);
  const slowdownPct = parseSlowdownPct(v.slowdown ?? '10%', 'slowdown');
  const benchArgv = ['--suite', 'ci', '--out', v.out ?? 'reports/self-test'];
  for (const flag of ['repetitions', 'duration', 'warmup', 'filter'] as const) if (v[flag] !== undefined) benchArgv.push(`--${flag}`, v[flag]);
  return selfTest({ trials, slowdownPct, bench: parseBenchOptions(benchArgv), practicalBand: 0.05 }, interruptSignal(() => process.exit(130)));
});
