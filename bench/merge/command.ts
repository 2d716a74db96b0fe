/**
 * `npm run merge -- DIR... [--out DIR] [--allow-partial]`: one results folder from the
 * results folders (or results.json files) of shards or segments: results.json, raw/
 * (every run) and every report, rebuilt by the reporters the suite uses. Exit 0 merged;
 * 2 bad input (named; nothing written); 1 the report itself failed.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replaceSymlink, writeFileAtomic } from '../results/atomic-write.js';
import { newRunId } from '../results/run-store.js';
import { loadResultsFile, ResultsFileError } from '../reporters/load-results.js';
import { writeReport } from '../reporters/write-report.js';
import { UsageError } from '../run/errors.js';
import { claimsTable, terminalTable } from '../terminal-table.js';
import type { ResultsFile } from '../types.js';
import { mergeResults, type LoadedInput } from './merge-results.js';

export const MERGE_USAGE = `Usage: npm run merge -- DIR... [--out DIR] [--allow-partial]

  DIR...           results folders (or results.json files) of the shards (--shard i/n)
                   or segments (--segment i/n) of one plan
  --out DIR        folder of the merged results (default: reports/<run-id>-merged,
                   and reports/latest points at it)
  --allow-partial  merge even when shards or segments are missing (the merged file is
                   marked failed and names what is missing)
  --help           this text

Exit codes: 0 merged; 2 bad input (different suites, commits, options or plans, a
duplicate, a missing part without --allow-partial); 1 the report failed.
`;

export interface MergeArgs {
  inputs: string[];
  outDir?: string;
  allowPartial: boolean;
  help: boolean;
}

export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: { out: { type: 'string' }, 'allow-partial': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${MERGE_USAGE}`);
  }
  const v = parsed.values;
  if (v.help) return { inputs: [], allowPartial: false, help: true };
  if (parsed.positionals.length === 0) throw new UsageError(`no results given: pass the results folders of the shards or segments\n\n${MERGE_USAGE}`);
  if (v.out !== undefined && v.out.trim() === '') throw new UsageError('--out must be a folder path; got an empty string');
  return { inputs: parsed.positionals, ...(v.out !== undefined ? { outDir: v.out } : {}), allowPartial: v['allow-partial'] ?? false, help: false };
}

function loadInput(path: string, at: (p: string) => string): LoadedInput {
  const full = at(path);
  const file = existsSync(full) && statSync(full).isDirectory() ? join(full, 'results.json') : full;
  return { path, results: loadResultsFile(file) };
}

/** Writes results.json, raw/ and every report into `dir` (created). */
async function writeMerged(results: ResultsFile, dir: string): Promise<string[]> {
  mkdirSync(join(dir, 'raw'), { recursive: true });
  results.runs.forEach((record, i) => {
    const name = `${String(i + 1).padStart(4, '0')}-${record.scenarioId.replace(/[^a-zA-Z0-9=.,+-]+/g, '_')}-r${record.repetition}.json`;
    writeFileAtomic(join(dir, 'raw', name), JSON.stringify(record, null, 2) + '\n');
  });
  writeFileAtomic(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  return writeReport(results, dir);
}

export interface MergeIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

const defaultIo: MergeIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
};

export async function mergeCommand(argv: readonly string[], io: MergeIo = defaultIo): Promise<number> {
  try {
    const args = parseMergeArgs(argv);
    if (args.help) {
      io.out(MERGE_USAGE);
      return 0;
    }
    const at = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    const inputs = args.inputs.map((p) => loadInput(p, at));
    const runId = `${newRunId()}-merged`;
    // Everything is checked and computed before the first file is written.
    const merged = mergeResults(inputs, { allowPartial: args.allowPartial, runId });
    const dir = args.outDir ? at(args.outDir) : resolve(io.cwd, 'reports', runId);
    const written = await writeMerged(merged, dir);
    if (!args.outDir) replaceSymlink(runId, resolve(io.cwd, 'reports', 'latest'));
    const info = merged.merged!;
    io.out(`\n${terminalTable(merged.summaries)}\n`);
    if (merged.claims && !merged.options['target']) io.out(`${claimsTable(merged.claims)}\n`);
    io.out(`merged ${info.inputs.length} ${info.kind} (${merged.runs.length} runs of ${merged.scenarios.length} scenarios) into ${dir}: results.json and ${written.length} report files`);
    for (const missing of info.missing) io.err(`merge: WARNING: ${missing} is missing (--allow-partial): the merged results are marked failed`);
    for (const note of info.notes) io.out(`note: ${note}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ResultsFileError) {
      io.err(`merge: ${err.message}`);
      return 2;
    }
    io.err(`merge failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
