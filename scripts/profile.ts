#!/usr/bin/env node
/**
 * `npm run profile -- --strategy NAME --workload NAME [--tool doctor|flame|bubbleprof]
 * [--connections N] [--duration S] [--param KEY=VALUE ...]`: the server under clinic,
 * loaded by loopbench; the HTML report's path on stdout. See bench/tools/profile/.
 */
import { runProfileCommand } from '../bench/tools/profile/cli.js';

await runProfileCommand(process.argv.slice(2));
