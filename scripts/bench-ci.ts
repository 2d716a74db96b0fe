#!/usr/bin/env node
/** `npm run bench:ci`: the CI regression gate (bench/gate/baseline-gate.ts). */
import { runGate } from '../bench/gate/baseline-gate.js';
import { runGateCommand } from '../bench/gate/command.js';
import { gateUsage, parseGateOptions } from '../bench/gate/gate-options.js';

runGateCommand({ name: 'bench:ci', parse: (argv) => parseGateOptions(argv, 'bench:ci'), usage: () => gateUsage('bench:ci'), run: runGate });
