#!/usr/bin/env node
/** `npm run compare -- --base <git-ref>`: current tree vs a base ref, interleaved (bench/gate/compare-refs.ts). */
import { GATE_INTERRUPT_MESSAGE, runGateCommand } from '../bench/gate/command.js';
import { COMPARE_USAGE, parseCompareOptions } from '../bench/gate/compare-options.js';
import { compareRefs } from '../bench/gate/compare-refs.js';

runGateCommand('compare', async ({ interruptSignal }) => {
  const options = parseCompareOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(COMPARE_USAGE);
    return 0;
  }
  return compareRefs(options, interruptSignal(GATE_INTERRUPT_MESSAGE));
});
