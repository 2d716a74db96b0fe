/** The command line of `npm run bench:micro` (bench/tools/micro/cli.ts), declared once and parsed without side effects. */
import { resolve } from 'node:path';
import { defineCommand, parseFlags, usage } from '../../cli-kit/command.js';
import { repeatedFlag, textFlag } from '../../cli-kit/flags.js';
import { UsageError } from '../../errors.js';
import { microBenchmarkNames, isMicroBenchmarkName, microBenchmarks } from './index.js';
import type { MicroBenchmarkName } from './types.js';

/** A bad command line: the CLI prints the message and exits with `exitCode` (2, as every UsageError). */
export class MicroUsageError extends UsageError {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'MicroUsageError';
  }
}

export interface MicroCliOptions {
  help: boolean;
  /** Absent: every benchmark. */
  only?: MicroBenchmarkName[];
  /** Parent directory of micro-<timestamp>/ and micro-latest; absent: <package>/reports. */
  outDir?: string;
}

function parseOnly(lists: readonly string[]): MicroBenchmarkName[] | undefined {
  if (lists.length === 0) return undefined;
  const names = lists.flatMap((list) => list.split(',')).map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) {
    throw new MicroUsageError(`--only needs at least one name; allowed: ${microBenchmarkNames.join(', ')}`);
  }
  const unknown = names.filter((n) => !isMicroBenchmarkName(n));
  if (unknown.length > 0) {
    throw new MicroUsageError(`--only: unknown micro-benchmark ${unknown.map((n) => `'${n}'`).join(', ')}; allowed: ${microBenchmarkNames.join(', ')}`);
  }
  return microBenchmarkNames.filter((n) => names.includes(n));
}

export const microCommand = defineCommand({
  synopsis: 'npm run bench:micro -- [--only <name,...>] [--out <dir>]',
  flags: {
    only: repeatedFlag({ name: 'only', metavar: '<name,...>', help: 'run only these micro-benchmarks (comma-separated, repeatable)', read: parseOnly }),
    out: textFlag({
      name: 'out',
      metavar: '<dir>',
      help: 'reports directory: writes <dir>/micro-<timestamp>/results.{json,csv}\nand the <dir>/micro-latest symlink (default: <package>/reports)',
      nonEmpty: 'a directory',
    }),
  },
  outro: ['benchmarks:', ...microBenchmarkNames.map((name) => `  ${name.padEnd(22)} ${microBenchmarks[name].description}`)].join('\n'),
});

export function microUsage(): string {
  return usage(microCommand);
}

export function parseMicroArgs(argv: readonly string[]): MicroCliOptions {
  let parsed;
  try {
    parsed = parseFlags(microCommand, argv);
  } catch (error) {
    // Every bad command line of this command is a MicroUsageError (the family's usage error).
    if (error instanceof UsageError && !(error instanceof MicroUsageError)) throw new MicroUsageError(error.message);
    throw error;
  }
  if (parsed.help) return { help: true };
  const { only, out } = parsed.values;
  return { help: false, ...(only ? { only } : {}), ...(out !== undefined ? { outDir: resolve(out) } : {}) };
}
