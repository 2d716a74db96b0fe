#!/usr/bin/env node
/**
 * `npm run bench:gate-self-test -- [--trials T] [--slowdown 10%] [--repetitions N] [--duration S]`:
 * detection and false-alarm rates of the CI gate (bench/gate/self-test.ts).
 */
import { runGateCommand } from '../bench/gate/command.js';
import { parseSelfTestOptions, SELF_TEST_USAGE } from '../bench/gate/self-test-options.js';
import { rejudgeSelfTest, selfTest } from '../bench/gate/self-test.js';

runGateCommand({
  name: 'gate-self-test',
  parse: parseSelfTestOptions,
  usage: () => SELF_TEST_USAGE,
  run: async (cli, signal) => {
    if (cli.help) return 0;
    return cli.rejudge !== undefined ? rejudgeSelfTest(cli.rejudge, 0.05) : selfTest(cli.options, signal);
  },
});
