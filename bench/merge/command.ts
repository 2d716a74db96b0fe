/**
 * `npm run merge -- DIR... [--out DIR] [--allow-partial]`: one results folder from the
 * results folders (or results.json files) of shards or segments: results.json, raw/
 * (every run) and every report, rebuilt by the reporters the suite uses. Exit 0 merged;
 * 2 bad input (named; nothing written: UsageError, MergeError, ResultsFileError); 1 the
 * report itself failed.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { defineCommand, parseFlags, usage } from '../cli-kit/command.js';
import { EXIT } from '../cli-kit/exit-codes.js';
import { switchFlag, textFlag } from '../cli-kit/flags.js';
import { processIo, type CommandIo } from '../cli-kit/io.js';
import { guarded } from '../cli-kit/main.js';
import { replaceSymlink, writeFileAtomic } from '../results/atomic-write.js';
import { newRunId } from '../results/run-store.js';
import { loadResultsFile } from '../reporters/load-results.js';
import { writeReport } from '../reporters/write-report.js';
import { UsageError } from '../errors.js';
import { claimsTable, terminalTable } from '../terminal-table.js';
import type { ResultsFile } from '../types.js';
import { mergeResults, type LoadedInput } from './merge-results.js';

export const mergeCommandSpec = defineCommand({
  synopsis: 'npm run merge -- DIR... [--out DIR] [--allow-partial]',
  helpColumn: 19,
  positionals: { metavar: 'DIR...', help: 'results folders (or results.json files) of the shards (--shard i/n)\nor segments (--segment i/n) of one plan' },
  flags: {
    out: textFlag({ name: 'out', metavar: 'DIR', help: 'folder of the merged results (default: reports/<run-id>-merged,\nand reports/latest points at it)', nonEmpty: 'a folder path' }),
    allowPartial: switchFlag('allow-partial', 'merge even when shards or segments are missing (the merged file is\nmarked failed and names what is missing)'),
  },
  outro: `Exit codes: 0 merged; 2 bad input (different suites, commits, options or plans, a
duplicate, a missing part without --allow-partial); 1 the report failed.`,
});

export const MERGE_USAGE = usage(mergeCommandSpec);

export interface MergeArgs {
  inputs: string[];
  outDir?: string;
  allowPartial: boolean;
  help: boolean;
}

export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  const parsed = parseFlags(mergeCommandSpec, argv);
  if (parsed.help) return { inputs: [], allowPartial: false, help: true };
  const { out, allowPartial } = parsed.values;
  if (parsed.positionals.length === 0) throw new UsageError(`no results given: pass the results folders of the shards or segments\n\n${MERGE_USAGE}`);
  return { inputs: parsed.positionals, ...(out !== undefined ? { outDir: out } : {}), allowPartial, help: false };
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

export type MergeIo = CommandIo;

export async function mergeCommand(argv: readonly string[], io: MergeIo = processIo): Promise<number> {
  return guarded({ name: 'merge', err: io.err }, async () => {
    const args = parseMergeArgs(argv);
    if (args.help) {
      io.out(MERGE_USAGE);
      return EXIT.ok;
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
    return EXIT.ok;
  });
}
