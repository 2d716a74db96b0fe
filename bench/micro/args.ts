/** The command line of `npm run bench:micro` (bench/micro/cli.ts), parsed without side effects. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { microBenchmarkNames, isMicroBenchmarkName, microBenchmarks } from './index.js';
import type { MicroBenchmarkName } from './types.js';

/** A bad command line: the CLI prints the message and exits with `exitCode`. */
export class MicroUsageError extends Error {
  readonly exitCode = 2;
}

export interface MicroCliOptions {
  help: boolean;
  /** Absent: every benchmark. */
  only?: MicroBenchmarkName[];
  /** Parent directory of micro-<timestamp>/ and micro-latest; absent: <package>/reports. */
  outDir?: string;
}

export function microUsage(): string {
  return [
    'usage: npm run bench:micro -- [--only <name,...>] [--out <dir>]',
    '',
    '  --only <name,...>  run only these micro-benchmarks (comma-separated, repeatable)',
    '  --out <dir>        reports directory: writes <dir>/micro-<timestamp>/results.{json,csv}',
    '                     and the <dir>/micro-latest symlink (default: <package>/reports)',
    '  -h, --help         this text',
    '',
    'benchmarks:',
    ...microBenchmarkNames.map((name) => `  ${name.padEnd(22)} ${microBenchmarks[name].description}`),
  ].join('\n');
}

export function parseMicroArgs(argv: readonly string[]): MicroCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new MicroUsageError(`${(error as Error).message}\n\n${microUsage()}`);
  }
  const { values } = parsed;
  const options: MicroCliOptions = { help: values.help ?? false };
  if (values.only !== undefined) {
    const names = values.only.flatMap((list) => list.split(',')).map((n) => n.trim()).filter((n) => n !== '');
    if (names.length === 0) {
      throw new MicroUsageError(`--only needs at least one name; allowed: ${microBenchmarkNames.join(', ')}`);
    }
    const unknown = names.filter((n) => !isMicroBenchmarkName(n));
    if (unknown.length > 0) {
      throw new MicroUsageError(
        `--only: unknown micro-benchmark ${unknown.map((n) => `'${n}'`).join(', ')}; allowed: ${microBenchmarkNames.join(', ')}`,
      );
    }
    options.only = microBenchmarkNames.filter((n) => names.includes(n));
  }
  if (values.out !== undefined) {
    if (values.out.trim() === '') throw new MicroUsageError('--out needs a directory');
    options.outDir = resolve(values.out);
  }
  return options;
}
