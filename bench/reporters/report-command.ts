/**
 * `npm run report -- <results.json> [--out DIR]`: rebuilds every report and chart from a
 * results file, without running load. Exit 0 when written, 2 on bad input or usage (with
 * a one-line message and nothing written), 1 when the report itself fails.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { missingRawData } from '../charts/run-data.js';
import { UsageError } from '../run/errors.js';
import { loadResultsFile, ResultsFileError } from './load-results.js';
import { writeReport } from './write-report.js';

export const USAGE = 'usage: npm run report -- <results.json> [--out DIR]   (DIR defaults to the results file\'s directory)';


interface ReportArgs {
  resultsPath: string;
  outDir: string | undefined;
}

export function parseReportArgs(argv: readonly string[]): ReportArgs | 'help' {
  let outDir: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new UsageError(`--out needs a directory: ${USAGE}`);
      outDir = value;
    } else if (arg.startsWith('--out=')) {
      outDir = arg.slice('--out='.length);
      if (!outDir) throw new UsageError(`--out needs a directory: ${USAGE}`);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}: ${USAGE}`);
    } else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(`${positional.length === 0 ? 'no results file given' : 'give exactly one results file'}: ${USAGE}`);
  return { resultsPath: positional[0]!, outDir };
}

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where relative paths start: the directory `npm run` was called from. */
  cwd: string;
}

const defaultIo: CommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
};

/** Runs the command; returns the exit code. */
export async function reportCommand(argv: readonly string[], io: CommandIo = defaultIo): Promise<number> {
  try {
    const args = parseReportArgs(argv);
    if (args === 'help') {
      io.out(USAGE);
      return 0;
    }
    const at = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    const resultsPath = at(args.resultsPath);
    const results = loadResultsFile(resultsPath);
    const outDir = args.outDir ? at(args.outDir) : dirname(resultsPath);
    const written = await writeReport(results, outDir);
    for (const line of missingRawData(results)) io.out(`not drawn: ${line}`);
    io.out(`wrote ${written.length} files to ${outDir} (${written.filter((p) => p.startsWith('charts/') && p.endsWith('.svg')).length} charts, ${written.filter((p) => p.startsWith('blog/') && p.endsWith('.svg')).length} in blog/): open ${resolve(outDir, 'index.html')}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ResultsFileError) {
      io.err(`report: ${err.message}`);
      return 2;
    }
    io.err(`report failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
