#!/usr/bin/env node
/**
 * `npm run bench:gate-self-test -- [--trials T] [--slowdown 10%] [--repetitions N] [--duration S]`:
 * detection and false-alarm rates of the CI gate (bench/gate/self-test.ts).
 */
import { GATE_INTERRUPT_MESSAGE, runGateCommand } from '../bench/gate/command.js';
import { parseSelfTestOptions, SELF_TEST_USAGE } from '../bench/gate/self-test-options.js';
import { rejudgeSelfTest, selfTest } from '../bench/gate/self-test.js';

runGateCommand('gate-self-test', async ({ interruptSignal }) => {
  const cli = parseSelfTestOptions(process.argv.slice(2));
  if (cli.help) {
    process.stdout.write(SELF_TEST_USAGE);
    return 0;
  }
  if (cli.rejudge !== undefined) return rejudgeSelfTest(cli.rejudge, 0.05);
  return selfTest(cli.options, interruptSignal(GATE_INTERRUPT_MESSAGE));
});
