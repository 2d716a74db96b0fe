#!/usr/bin/env node
/** `npm run bench:ci`: the CI regression gate (bench/gate/baseline-gate.ts). */
import { runGate } from '../bench/gate/baseline-gate.js';
import { GATE_INTERRUPT_MESSAGE, runGateCommand } from '../bench/gate/command.js';
import { gateUsage, parseGateOptions } from '../bench/gate/gate-options.js';

runGateCommand('bench:ci', async ({ interruptSignal }) => {
  const options = parseGateOptions(process.argv.slice(2), 'bench:ci');
  if (options.help) {
    process.stdout.write(gateUsage('bench:ci'));
    return 0;
  }
  return runGate(options, interruptSignal(GATE_INTERRUPT_MESSAGE));
});
