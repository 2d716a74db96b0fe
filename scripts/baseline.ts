#!/usr/bin/env node
/** `npm run baseline`: run the ci suite and write reports/baseline.json atomically (bench/gate/baseline-gate.ts). */
import { takeBaseline } from '../bench/gate/baseline-gate.js';
import { GATE_INTERRUPT_MESSAGE, runGateCommand } from '../bench/gate/command.js';
import { gateUsage, parseGateOptions } from '../bench/gate/gate-options.js';

runGateCommand('baseline', async ({ interruptSignal }) => {
  const options = parseGateOptions(process.argv.slice(2), 'baseline');
  if (options.help) {
    process.stdout.write(gateUsage('baseline'));
    return 0;
  }
  return takeBaseline(options, interruptSignal(GATE_INTERRUPT_MESSAGE));
});
