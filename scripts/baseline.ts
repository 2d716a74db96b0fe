#!/usr/bin/env node
/** `npm run baseline`: run the ci suite and write reports/baseline.json atomically (bench/gate/baseline-gate.ts). */
import { takeBaseline } from '../bench/gate/baseline-gate.js';
import { runGateCommand } from '../bench/gate/command.js';
import { gateUsage, parseGateOptions } from '../bench/gate/gate-options.js';

runGateCommand({ name: 'baseline', parse: (argv) => parseGateOptions(argv, 'baseline'), usage: () => gateUsage('baseline'), run: takeBaseline });
