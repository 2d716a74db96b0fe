/**
 * A command's declaration (its synopsis, its flags, its positionals) → the node:util
 * parseArgs config, the parse into typed values, and the usage text of `--help`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { helpFlag, type Flag, type FlagSpecs, type FlagValues } from './flags.js';

export interface CommandSpec<S extends FlagSpecs> {
  /** `npm run bench -- [options]`: the first line reads `Usage: <synopsis>`. */
  synopsis: string;
  /** Paragraph(s) between the synopsis and the flags. */
  intro?: string;
  flags: S;
  /** Positional arguments, e.g. `{ metavar: 'DIR...', help: 'results folders' }`; absent: none allowed. */
  positionals?: { metavar: string; help: string };
  /** Paragraph(s) after the flags (exit codes, lists). */
  outro?: string;
  /** Column at which help texts start (default: 23). */
  helpColumn?: number;
}

export type Parsed<S extends FlagSpecs> = { help: true } | { help: false; values: FlagValues<S>; positionals: string[] };

export function defineCommand<S extends FlagSpecs>(spec: CommandSpec<S>): CommandSpec<S> {
  for (const name of Object.keys(spec.flags)) {
    if (spec.flags[name]!.name === 'help') throw new Error(`${spec.synopsis}: --help is every command's own; do not declare it`);
  }
  return spec;
}

function allFlags(spec: CommandSpec<FlagSpecs>): Flag[] {
  return [...Object.values(spec.flags), helpFlag];
}

/** The node:util parseArgs `options`, generated from the declarations. */
export function parseArgsOptions(spec: CommandSpec<FlagSpecs>): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const flag of allFlags(spec)) {
    options[flag.name] = {
      type: flag.kind === 'switch' ? 'boolean' : 'string',
      ...(flag.kind === 'repeated' ? { multiple: true } : {}),
      ...(flag.short !== undefined ? { short: flag.short } : {}),
    };
  }
  return options;
}

/**
 * parseArgs refuses `--duration -1` as "ambiguous": the value goes through the flag's own
 * parser, so the message says what is wrong with it (or, when the value would do, how to
 * write it).
 */
function ambiguousValue(spec: CommandSpec<FlagSpecs>, argv: readonly string[], message: string): UsageError | undefined {
  const match = /Option '--([\w-]+)' argument is ambiguous/.exec(message);
  if (!match) return undefined;
  const name = match[1]!;
  const value = argv[argv.indexOf(`--${name}`) + 1] ?? '';
  const flag = allFlags(spec).find((f) => f.name === name);
  try {
    if (flag?.kind === 'value') flag.read(value);
    if (flag?.kind === 'repeated') flag.read([value]);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  return new UsageError(`--${name}: value '${value}' looks like a flag; write --${name}=${value}`);
}

/** argv → typed values (each flag's parser applied, absent ones at their default); `--help` skips the parsers. */
export function parseFlags<S extends FlagSpecs>(spec: CommandSpec<S>, argv: readonly string[]): Parsed<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: spec.positionals !== undefined, options: parseArgsOptions(spec) });
  } catch (error) {
    const message = (error as Error).message;
    throw ambiguousValue(spec, argv, message) ?? new UsageError(`${message}\n\n${usage(spec)}`);
  }
  const raw = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (raw['help'] === true) return { help: true };
  const values: Record<string, unknown> = {};
  for (const [key, flag] of Object.entries(spec.flags)) {
    const given = raw[flag.name];
    if (flag.kind === 'switch') values[key] = given === true;
    else if (flag.kind === 'repeated') values[key] = flag.read((given as string[] | undefined) ?? []);
    else values[key] = flag.read(given as string | undefined);
  }
  return { help: false, values: values as FlagValues<S>, positionals: parsed.positionals };
}

/** The flags' defaults: what the values are when none is given. */
export function flagDefaults<S extends FlagSpecs>(flags: S): FlagValues<S> {
  const parsed = parseFlags({ synopsis: '', flags }, []);
  if (parsed.help) throw new Error('unreachable');
  return parsed.values;
}

function flagColumn(flag: Flag): string {
  const names = flag.short !== undefined && flag.name !== 'help' ? `-${flag.short}, --${flag.name}` : `--${flag.name}`;
  return flag.kind === 'switch' ? names : `${names} ${flag.metavar}`;
}

function helpRows(left: string, help: string, column: number): string[] {
  const indent = ' '.repeat(column);
  const head = `  ${left}`;
  const [first = '', ...rest] = help.split('\n');
  const lead = head.length < column ? head.padEnd(column) : `${head}   `;
  return [`${lead}${first}`, ...rest.map((line) => `${indent}${line}`)];
}

/** The `--help` text, generated from the declarations. */
export function usage(spec: CommandSpec<FlagSpecs>): string {
  const column = spec.helpColumn ?? 23;
  const rows: string[] = [];
  if (spec.positionals) rows.push(...helpRows(spec.positionals.metavar, spec.positionals.help, column));
  for (const flag of allFlags(spec).filter((f) => !f.hidden)) rows.push(...helpRows(flagColumn(flag), flag.help, column));
  const parts = [`Usage: ${spec.synopsis}`, ...(spec.intro ? [spec.intro.trimEnd()] : []), rows.join('\n'), ...(spec.outro ? [spec.outro.trimEnd()] : [])];
  return `${parts.join('\n\n')}\n`;
}
