/** Flags of `npm run bench:gate-self-test` (bench/gate/self-test.ts), declared once. */
import { defineCommand, parseFlags, usage } from '../cli-kit/command.js';
import { numberFlag, percentFlag, restated, textFlag } from '../cli-kit/flags.js';
import { benchOptionsWith, gateBenchFlags } from './gate-options.js';
import type { SelfTestOptions } from './self-test.js';

export const selfTestCommand = defineCommand({
  synopsis: 'npm run bench:gate-self-test -- [options]',
  flags: {
    trials: numberFlag({ name: 'trials', metavar: 'T', help: 'A/A trials and slowdown trials, T of each (default: 5)', kind: 'integer', min: 1, max: 1000, default: 5 }),
    slowdown: percentFlag({ name: 'slowdown', metavar: 'P', help: 'the injected slowdown (default: 10%)', min: 0, max: 1000, example: '10%', default: 10 }),
    repetitions: restated(gateBenchFlags.repetitions, "repetitions of every run, baseline included (default: the ci suite's)"),
    duration: gateBenchFlags.duration,
    warmup: gateBenchFlags.warmup,
    filter: gateBenchFlags.filter,
    out: textFlag({ name: 'out', metavar: 'DIR', help: 'reports folder (default: reports/self-test)', nonEmpty: 'a folder path', default: 'reports/self-test' }),
    rejudge: textFlag({
      name: 'rejudge',
      metavar: 'DIR',
      help: "judge a finished self-test's kept runs again with the current\ngate (no load is sent), e.g. --rejudge reports/self-test",
      nonEmpty: 'a folder path',
    }),
  },
});

export const SELF_TEST_USAGE = usage(selfTestCommand);

export type SelfTestCli = { help: true } | { help: false; rejudge: string } | { help: false; rejudge?: undefined; options: SelfTestOptions };

export function parseSelfTestOptions(argv: readonly string[]): SelfTestCli {
  const parsed = parseFlags(selfTestCommand, argv);
  if (parsed.help) return { help: true };
  const { trials, slowdown, rejudge, out, ...bench } = parsed.values;
  if (rejudge !== undefined) return { help: false, rejudge };
  return {
    help: false,
    options: { trials, slowdownPct: slowdown, bench: benchOptionsWith({ ...bench, suite: 'ci', out }), practicalBand: 0.05 },
  };
}
