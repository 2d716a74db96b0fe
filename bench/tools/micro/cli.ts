#!/usr/bin/env node
/**
 * `npm run bench:micro`: runs the micro-benchmarks, writes
 * reports/micro-<timestamp>/results.{json,csv} and reports/micro-latest, prints a table.
 * Exit codes: 0 all ran, 1 a benchmark failed, 2 bad command line, 130 interrupted.
 */
import { EXIT } from '../../cli-kit/exit-codes.js';
import { runMain } from '../../cli-kit/main.js';
import { microUsage, parseMicroArgs } from './args.js';
import { defaultReportsDir } from './paths.js';
import { formatMicroTable, writeMicroReport } from './report.js';
import { runMicroBenchmarks } from './run.js';

await runMain({ name: 'bench:micro' }, async ({ interruptSignal }) => {
  const options = parseMicroArgs(process.argv.slice(2));
  if (options.help) {
    console.log(microUsage());
    return EXIT.ok;
  }
  // Ctrl-C: exit at once; the run's 'exit' hook kills every process it started, by PID.
  interruptSignal('bench:micro: interrupted').addEventListener('abort', () => process.exit(EXIT.interrupted));
  const results = await runMicroBenchmarks({
    ...(options.only ? { only: options.only } : {}),
    log: (line) => console.error(line),
  });
  const paths = await writeMicroReport(results, options.outDir ?? defaultReportsDir());
  console.log(formatMicroTable(results));
  console.log(`\nwrote ${paths.json}\n      ${paths.csv}\n      ${paths.latest} -> ${paths.dir}`);
  return results.errors.length > 0 ? EXIT.failed : EXIT.ok;
});
