#!/usr/bin/env node
/**
 * `npm run bench:micro`: runs the micro-benchmarks, writes
 * reports/micro-<timestamp>/results.{json,csv} and reports/micro-latest, prints a table.
 * Exit codes: 0 all ran, 1 a benchmark failed, 2 bad command line, 130 interrupted.
 */
import { MicroUsageError, microUsage, parseMicroArgs, type MicroCliOptions } from './args.js';
import { defaultReportsDir } from './paths.js';
import { formatMicroTable, writeMicroReport } from './report.js';
import { runMicroBenchmarks } from './run.js';

let options: MicroCliOptions;
try {
  options = parseMicroArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof MicroUsageError)) throw error;
  console.error(`bench:micro: ${error.message}`);
  process.exit(error.exitCode);
}

if (options.help) {
  console.log(microUsage());
  process.exit(0);
}

// Ctrl-C: exit at once; the run's 'exit' hook kills every process it started, by PID.
process.once('SIGINT', () => {
  console.error('\nbench:micro: interrupted');
  process.exit(130);
});

const results = await runMicroBenchmarks({
  ...(options.only ? { only: options.only } : {}),
  log: (line) => console.error(line),
});
const paths = await writeMicroReport(results, options.outDir ?? defaultReportsDir());
console.log(formatMicroTable(results));
console.log(`\nwrote ${paths.json}\n      ${paths.csv}\n      ${paths.latest} -> ${paths.dir}`);
process.exitCode = results.errors.length > 0 ? 1 : 0;
