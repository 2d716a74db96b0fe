#!/usr/bin/env node
/** `npm run compare -- --base <git-ref>`: current tree vs a base ref, interleaved (bench/gate/compare-refs.ts). */
import { runGateCommand } from '../bench/gate/command.js';
import { COMPARE_USAGE, parseCompareOptions } from '../bench/gate/compare-options.js';
import { compareRefs } from '../bench/gate/compare-refs.js';

runGateCommand({ name: 'compare', parse: parseCompareOptions, usage: () => COMPARE_USAGE, run: (options, signal) => compareRefs(options, signal) });
