/**
 * `npm run report -- <results.json> [--out DIR]`: rebuilds every report and chart from a
 * results file, without running load. Exit 0 when written, 2 on bad input or usage (with
 * a one-line message and nothing written), 1 when the report itself fails.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { missingRawData } from '../charts/run-data.js';
import { defineCommand, parseFlags, usage } from '../cli-kit/command.js';
import { EXIT } from '../cli-kit/exit-codes.js';
import { textFlag } from '../cli-kit/flags.js';
import { processIo, type CommandIo } from '../cli-kit/io.js';
import { guarded } from '../cli-kit/main.js';
import { UsageError } from '../errors.js';
import { loadResultsFile } from './load-results.js';
import { writeReport } from './write-report.js';

export const reportCommandSpec = defineCommand({
  synopsis: 'npm run report -- <results.json> [--out DIR]',
  positionals: { metavar: '<results.json>', help: 'a results file written by npm run bench (e.g. reports/latest/results.json)' },
  flags: {
    out: textFlag({ name: 'out', metavar: 'DIR', help: "where the reports go (default: the results file's directory)", nonEmpty: 'a directory' }),
  },
});

/** The one-line usage the messages end with; `--help` prints the whole text. */
export const USAGE = `usage: ${reportCommandSpec.synopsis}   (DIR defaults to the results file's directory)`;

interface ReportArgs {
  resultsPath: string;
  outDir: string | undefined;
}

export function parseReportArgs(argv: readonly string[]): ReportArgs | 'help' {
  let parsed;
  try {
    parsed = parseFlags(reportCommandSpec, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message.split('\n')[0]}: ${USAGE}`);
  }
  if (parsed.help) return 'help';
  const positional = parsed.positionals;
  if (positional.length !== 1) throw new UsageError(`${positional.length === 0 ? 'no results file given' : 'give exactly one results file'}: ${USAGE}`);
  return { resultsPath: positional[0]!, outDir: parsed.values.out };
}

export type { CommandIo };

/** Runs the command; returns the exit code. */
export async function reportCommand(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  return guarded({ name: 'report', err: io.err }, async () => {
    const args = parseReportArgs(argv);
    if (args === 'help') {
      io.out(usage(reportCommandSpec));
      return EXIT.ok;
    }
    const at = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    const resultsPath = at(args.resultsPath);
    const results = loadResultsFile(resultsPath);
    const outDir = args.outDir ? at(args.outDir) : dirname(resultsPath);
    const written = await writeReport(results, outDir);
    for (const line of missingRawData(results)) io.out(`not drawn: ${line}`);
    io.out(`wrote ${written.length} files to ${outDir} (${written.filter((p) => p.startsWith('charts/') && p.endsWith('.svg')).length} charts, ${written.filter((p) => p.startsWith('blog/') && p.endsWith('.svg')).length} in blog/): open ${resolve(outDir, 'index.html')}`);
    return EXIT.ok;
  });
}
