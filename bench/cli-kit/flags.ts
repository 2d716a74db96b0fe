/**
 * Flags declared once: each declaration (name, value name, help, the parser of its value
 * with its default and allowed values or range) generates the node:util parseArgs
 * config (parse.ts), the usage text (usage.ts) and the validation. A bad value is a
 * UsageError naming the flag, the rule and what was given.
 */
import { UsageError } from '../errors.js';

interface FlagBase {
  /** As typed, without `--`. */
  readonly name: string;
  readonly short?: string;
  /** Help text; `\n` starts a continuation line under the first. */
  readonly help: string;
  /** Parsed but left out of the usage (a flag of a sibling command, refused with a message that names it). */
  readonly hidden?: boolean;
}

/** A flag with a value: `--name VALUE`; `read` gets undefined when it is absent. */
export interface ValueFlag<T> extends FlagBase {
  readonly kind: 'value';
  /** The value's name in the usage (`S`, `DIR`, `NAME`). */
  readonly metavar: string;
  readonly read: (raw: string | undefined) => T;
}

/** A repeatable flag with a value: `--name A --name B`. */
export interface RepeatedFlag<T> extends FlagBase {
  readonly kind: 'repeated';
  readonly metavar: string;
  readonly read: (raws: readonly string[]) => T;
}

/** A switch: `--name`, false when absent. */
export interface SwitchFlag extends FlagBase {
  readonly kind: 'switch';
}

export type Flag = ValueFlag<unknown> | RepeatedFlag<unknown> | SwitchFlag;
export type FlagSpecs = Readonly<Record<string, Flag>>;

/** The typed value of a flag. */
export type FlagValue<F> = F extends ValueFlag<infer T> ? T : F extends RepeatedFlag<infer T> ? T : boolean;
/** The typed values of a set of flags, keyed as declared. */
export type FlagValues<S extends FlagSpecs> = { -readonly [K in keyof S]: FlagValue<S[K]> };

const fail = (message: string): never => {
  throw new UsageError(message);
};

/** `a or b`, `a, b, c`: the allowed values as a message lists them. */
function alternatives(values: readonly string[]): string {
  return values.length === 2 ? `${values[0]} or ${values[1]}` : values.join(', ');
}

export function switchFlag(name: string, help: string, short?: string): SwitchFlag {
  return { kind: 'switch', name, help, ...(short !== undefined ? { short } : {}) };
}

interface ValueFlagInit {
  name: string;
  metavar: string;
  help: string;
  short?: string;
}

/** A value read by `parse` (absent: `parse` is not called, the value is undefined). */
export function customFlag<T>(init: ValueFlagInit & { parse: (raw: string) => T }): ValueFlag<T | undefined>;
export function customFlag<T>(init: ValueFlagInit & { parse: (raw: string) => T; default: T }): ValueFlag<T>;
export function customFlag<T>(init: ValueFlagInit & { parse: (raw: string) => T; default?: T }): ValueFlag<T | undefined> {
  const { parse, default: fallback, ...rest } = init;
  return { kind: 'value', ...rest, read: (raw) => (raw === undefined ? fallback : parse(raw)) };
}

/** A text value; `nonEmpty` names what it must be (`a folder path`) and refuses ''. */
export function textFlag(init: ValueFlagInit & { nonEmpty?: string }): ValueFlag<string | undefined>;
export function textFlag(init: ValueFlagInit & { nonEmpty?: string; default: string }): ValueFlag<string>;
export function textFlag(init: ValueFlagInit & { nonEmpty?: string; default?: string }): ValueFlag<string | undefined> {
  const { nonEmpty, default: fallback, ...rest } = init;
  const parse = (raw: string) => (nonEmpty !== undefined && raw.trim() === '' ? fail(`--${init.name} must be ${nonEmpty}; got an empty string`) : raw);
  return fallback === undefined ? customFlag({ ...rest, parse }) : customFlag({ ...rest, parse, default: fallback });
}

export interface NumberRule {
  /** `integer`: Number.isInteger; `whole`: digits only (no sign, no point, no exponent). */
  kind?: 'number' | 'integer' | 'whole';
  /** Exclusive lower bound (`> 0`). */
  above?: number;
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** The unit the rule names: `a number of seconds`. */
  unit?: string;
  /** Why the rule is what it is, said after it in the message. */
  why?: string;
}

/** `an integer > 0 and <= 100`, `a whole number between 1 and 100`: the rule as messages state it. */
export function numberRuleText(rule: NumberRule): string {
  const noun = rule.kind === 'integer' ? 'an integer' : rule.kind === 'whole' ? 'a whole number' : `a number${rule.unit ? ` of ${rule.unit}` : ''}`;
  let range = '';
  if (rule.above !== undefined) range = rule.max !== undefined ? ` > ${rule.above} and <= ${rule.max}` : ` > ${rule.above}`;
  else if (rule.min !== undefined) range = rule.max !== undefined ? ` between ${rule.min} and ${rule.max}` : ` >= ${rule.min}`;
  else if (rule.max !== undefined) range = ` <= ${rule.max}`;
  return `${noun}${range}${rule.why ? ` (${rule.why})` : ''}`;
}

/** Parses one number by `rule`, or throws a UsageError naming `flag` (as written, with `--`). */
export function parseNumber(flag: string, raw: string, rule: NumberRule): number {
  const value = Number(raw);
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (rule.kind !== 'integer' || Number.isInteger(value)) &&
    (rule.kind !== 'whole' || /^\d+$/.test(raw.trim())) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  return ok ? value : fail(`${flag} must be ${numberRuleText(rule)}; got '${raw}'`);
}

export function numberFlag(init: ValueFlagInit & NumberRule): ValueFlag<number | undefined>;
export function numberFlag(init: ValueFlagInit & NumberRule & { default: number }): ValueFlag<number>;
export function numberFlag(init: ValueFlagInit & NumberRule & { default?: number }): ValueFlag<number | undefined> {
  const { name, metavar, help, short, default: fallback, ...rule } = init;
  const base = { name, metavar, help, ...(short !== undefined ? { short } : {}) };
  const parse = (raw: string) => parseNumber(`--${name}`, raw, rule);
  return fallback === undefined ? customFlag({ ...base, parse }) : customFlag({ ...base, parse, default: fallback });
}

/** A percentage `10%` or `10` from `min` to `max`, read as the number of percent. */
type PercentInit = ValueFlagInit & { min: number; max: number; example: string };
export function percentFlag(init: PercentInit): ValueFlag<number | undefined>;
export function percentFlag(init: PercentInit & { default: number }): ValueFlag<number>;
export function percentFlag(init: PercentInit & { default?: number }): ValueFlag<number | undefined> {
  const { min, max, example, default: fallback, ...base } = init;
  const parse = (raw: string) => parsePercent(`--${init.name}`, raw, { min, max, example });
  return fallback === undefined ? customFlag({ ...base, parse }) : customFlag({ ...base, parse, default: fallback });
}

export function parsePercent(flag: string, raw: string, { min, max, example }: { min: number; max: number; example: string }): number {
  const text = raw.trim().replace(/%$/, '');
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${flag} must be a percentage from ${min}% to ${max}%, e.g. ${example}; got '${raw}'`);
  }
  return value;
}

interface ChoiceInit<C extends string> extends ValueFlagInit {
  choices: readonly C[];
  /** With a noun the message reads `--tool: unknown tool 'x'; allowed: a, b`; without, `--db must be a or b; got 'x'`. */
  noun?: string;
  /** What the message adds about a value that is not allowed (e.g. a renamed suite). */
  hint?: (raw: string) => string;
}

export function parseChoice<C extends string>(flag: string, raw: string, { choices, noun, hint }: Omit<ChoiceInit<C>, keyof ValueFlagInit>): C {
  if ((choices as readonly string[]).includes(raw)) return raw as C;
  const extra = hint?.(raw) ?? '';
  return noun !== undefined
    ? fail(`${flag}: unknown ${noun} '${raw}'${extra}; allowed: ${choices.join(', ')}`)
    : fail(`${flag} must be ${alternatives(choices)}; got '${raw}'${extra}`);
}

export function choiceFlag<C extends string>(init: ChoiceInit<C>): ValueFlag<C | undefined>;
export function choiceFlag<C extends string>(init: ChoiceInit<C> & { default: C }): ValueFlag<C>;
export function choiceFlag<C extends string>(init: ChoiceInit<C> & { default?: C }): ValueFlag<C | undefined> {
  const { choices, noun, hint, default: fallback, ...base } = init;
  const rule = { choices, ...(noun !== undefined ? { noun } : {}), ...(hint !== undefined ? { hint } : {}) };
  const parse = (raw: string) => parseChoice(`--${init.name}`, raw, rule);
  return fallback === undefined ? customFlag({ ...base, parse }) : customFlag({ ...base, parse, default: fallback });
}

/** A choice that must be given: absent is `--name is required; allowed: ...`. */
export function requiredChoiceFlag<C extends string>(init: ChoiceInit<C>): ValueFlag<C> {
  const { choices, noun, hint, ...base } = init;
  const rule = { choices, ...(noun !== undefined ? { noun } : {}), ...(hint !== undefined ? { hint } : {}) };
  return {
    kind: 'value',
    ...base,
    read: (raw) => (raw === undefined ? fail(`--${init.name} is required; allowed: ${choices.join(', ')}`) : parseChoice(`--${init.name}`, raw, rule)),
  };
}

/** A repeatable flag. */
export function repeatedFlag<T>(init: ValueFlagInit & { read: (raws: readonly string[]) => T }): RepeatedFlag<T> {
  return { kind: 'repeated', ...init };
}

/** The same flag with a command's own help (or hidden from its usage). */
export function restated<F extends Flag>(flag: F, help: string | { hidden: true }): F {
  return typeof help === 'string' ? { ...flag, help } : { ...flag, hidden: true };
}

/** `--help` / `-h`, which every command has. */
export const helpFlag = switchFlag('help', 'this text', 'h');
